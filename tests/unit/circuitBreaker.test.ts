import { createCircuitBreaker } from '../../gateway/circuitBreaker';

describe('an agency circuit breaker', () => {
  let now = 0;
  const breaker = () => createCircuitBreaker({ failureThreshold: 3, cooldownMs: 5000, now: () => now });
  const fail = (b: ReturnType<typeof breaker>) => b.tryAcquire()!.failure();
  beforeEach(() => {
    now = 1_000_000;
  });

  it('stays closed through fewer consecutive failures than the threshold, and a success resets the count', () => {
    const b = breaker();
    fail(b);
    fail(b);
    b.tryAcquire()!.success();
    fail(b);
    fail(b);
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBeDefined();
  });

  it('opens after three failures in a row and refuses every call during the cool-down', () => {
    const b = breaker();
    fail(b);
    fail(b);
    fail(b);
    expect(b.state).toBe('open');
    now += 4999;
    expect(b.tryAcquire()).toBeUndefined();
  });

  it('lets exactly one probe through after the cool-down; its success closes the circuit', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) fail(b);
    now += 5000;
    expect(b.state).toBe('half-open');
    const probe = b.tryAcquire()!;
    expect(b.tryAcquire()).toBeUndefined();
    probe.success();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBeDefined();
  });

  it('opens again for a whole cool-down when the probe fails', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) fail(b);
    now += 5000;
    b.tryAcquire()!.failure();
    expect(b.state).toBe('open');
    now += 4999;
    expect(b.tryAcquire()).toBeUndefined();
    now += 1;
    expect(b.tryAcquire()).toBeDefined();
  });

  it('counts a ticket once, however often it is settled', () => {
    const b = breaker();
    const ticket = b.tryAcquire()!;
    ticket.failure();
    ticket.failure();
    ticket.failure();
    expect(b.state).toBe('closed');
  });

  it('neither counts nor forgives an inconclusive call, and lets the next call probe after an inconclusive probe', () => {
    const b = breaker();
    fail(b);
    fail(b);
    for (let i = 0; i < 10; i += 1) b.tryAcquire()!.inconclusive();
    expect(b.state).toBe('closed');
    fail(b);
    expect(b.state).toBe('open');
    now += 5000;
    b.tryAcquire()!.inconclusive();
    expect(b.state).toBe('half-open');
    const probe = b.tryAcquire()!;
    expect(b.tryAcquire()).toBeUndefined();
    probe.success();
    expect(b.state).toBe('closed');
  });
});
