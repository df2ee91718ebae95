import { createViewerGate } from '../../gateway/viewerGate';
import { fakeScope as scope } from '../helpers/scope';

const settled = async <T>(promise: Promise<T>) => {
  let state: 'pending' | 'granted' | 'refused' = 'pending';
  promise.then(() => (state = 'granted'), () => (state = 'refused'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('the per-viewer gate', () => {
  it('runs a viewer\'s requests up to the limit, queues the next ones in order, and refuses beyond the queue with 429', async () => {
    const gate = createViewerGate({ maxInFlight: 2, maxQueued: 2, maxCost: 100 });
    const [a, b] = await Promise.all([gate.admit('police/1', scope()), gate.admit('police/1', scope())]);
    const third = gate.admit('police/1', scope());
    const fourth = gate.admit('police/1', scope());
    const fifth = gate.admit('police/1', scope());
    await expect(fifth).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429 } } });
    const refusal = (await fifth.then(() => undefined, (e: unknown) => e)) as { extensions: { http: { headers: Map<string, string> } } };
    expect(refusal.extensions.http.headers.get('retry-after')).toBe('1');
    expect(gate.load('police/1')).toEqual({ running: 2, waiting: 2, cost: 0 });
    expect(await settled(third)).toBe('pending');
    a();
    a(); // freeing twice frees once
    expect(await settled(third)).toBe('granted');
    expect(await settled(fourth)).toBe('pending');
    b();
    expect(await settled(fourth)).toBe('granted');
    (await third)();
    (await fourth)();
    expect(gate.load('police/1')).toEqual({ running: 0, waiting: 0, cost: 0 });
  });

  it('never makes another viewer wait', async () => {
    const gate = createViewerGate({ maxInFlight: 1, maxQueued: 0, maxCost: 100 });
    await gate.admit('fjc/a', scope());
    await expect(gate.admit('fjc/a', scope())).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    expect(await settled(gate.admit('police/b', scope()))).toBe('granted');
  });

  it('refuses a waiting request whose deadline passes, and gives its place to the next', async () => {
    const gate = createViewerGate({ maxInFlight: 1, maxQueued: 2, maxCost: 100 });
    const release = await gate.admit('v', scope());
    const late = scope();
    const waiting = gate.admit('v', late);
    const next = gate.admit('v', scope());
    late.abort();
    await expect(waiting).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    expect(gate.load('v')).toEqual({ running: 1, waiting: 1, cost: 0 });
    release();
    expect(await settled(next)).toBe('granted');
  });

  it('weighs a viewer\'s running requests by their cost: the largest run one at a time, small ones beside each other, in order', async () => {
    const gate = createViewerGate({ maxInFlight: 4, maxQueued: 4, maxCost: 100 });
    const big = await gate.admit('v', scope(), 90);
    const small = gate.admit('v', scope(), 5);
    expect(await settled(small)).toBe('granted');
    const second = gate.admit('v', scope(), 90);
    const behind = gate.admit('v', scope(), 1);
    expect(await settled(second)).toBe('pending');
    // First in, first out: a small request waits behind the large one that waits.
    expect(await settled(behind)).toBe('pending');
    expect(gate.load('v')).toEqual({ running: 2, waiting: 2, cost: 95 });
    big();
    expect(await settled(second)).toBe('granted');
    expect(await settled(behind)).toBe('granted');
    expect(gate.load('v')).toEqual({ running: 3, waiting: 0, cost: 96 });
  });

  it('lets a request costlier than the limit run when it is the viewer\'s only one', async () => {
    const gate = createViewerGate({ maxInFlight: 4, maxQueued: 4, maxCost: 100 });
    expect(await settled(gate.admit('v', scope(), 500))).toBe('granted');
  });
});
