import { EventEmitter } from 'node:events';
import { createSupervisor, type Child } from '../../scripts/supervisor';

/** A process that exits when told to, or when the test makes it crash. */
class FakeChild extends EventEmitter implements Child {
  killed: NodeJS.Signals[] = [];
  constructor(readonly pid: number, private readonly ignoresSigterm = false) {
    super();
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.killed.push(signal);
    if (signal === 'SIGKILL' || !this.ignoresSigterm) queueMicrotask(() => this.emit('exit', null, signal));
    return true;
  }
  crash(code = 1): void {
    this.emit('exit', code, null);
  }
}

const POLICY = { restartDelayMs: 500, maxRestartDelayMs: 2000, maxFastCrashes: 4, stableAfterMs: 10_000 };

function setup(options: { ignoresSigterm?: boolean } = {}) {
  let clock = 0;
  let pid = 100;
  const lines: string[] = [];
  const spawned: Record<string, FakeChild[]> = {};
  const givenUp: string[] = [];
  const supervisor = createSupervisor<'police' | 'gateway'>({
    ...POLICY,
    now: () => clock,
    say: (line) => lines.push(line),
    spawn: (name) => {
      const child = new FakeChild((pid += 1), options.ignoresSigterm);
      (spawned[name] ??= []).push(child);
      return child;
    },
    onGiveUp: (name) => givenUp.push(name),
  });
  const advance = (ms: number) => {
    clock += ms;
    jest.advanceTimersByTime(ms);
  };
  return { supervisor, lines, spawned, givenUp, advance };
}

describe('the npm start supervisor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('restarts a crashed process after a delay that doubles with each crash in a row, and leaves the others alone', () => {
    const { supervisor, lines, spawned, advance } = setup();
    supervisor.add('police');
    supervisor.add('gateway');
    spawned.police![0]!.crash();
    expect(lines.at(-1)).toBe('police exited (code 1) after 0.0 s; restarting it in 0.5 s (crash 1 in a row)');
    advance(499);
    expect(spawned.police).toHaveLength(1);
    advance(1);
    expect(spawned.police).toHaveLength(2);
    expect(supervisor.pid('police')).toBe(spawned.police![1]!.pid);
    advance(100);
    spawned.police![1]!.crash();
    expect(lines.at(-1)).toMatch(/restarting it in 1\.0 s \(crash 2 in a row\)$/);
    advance(1000);
    spawned.police![2]!.crash();
    expect(lines.at(-1)).toMatch(/restarting it in 2\.0 s \(crash 3 in a row\)$/);
    expect(spawned.gateway).toHaveLength(1);
    expect(spawned.gateway![0]!.killed).toEqual([]);
  });

  it('starts counting again after a process ran long enough', () => {
    const { supervisor, lines, spawned, advance } = setup();
    supervisor.add('police');
    spawned.police![0]!.crash();
    advance(500);
    advance(10_000);
    spawned.police![1]!.crash(137);
    expect(lines.at(-1)).toBe('police exited (code 137) after 10.0 s; restarting it in 0.5 s (crash 1 in a row)');
  });

  it('gives up on a process that keeps crashing soon after it starts, says so, and restarts it no more', () => {
    const { supervisor, lines, spawned, givenUp, advance } = setup();
    supervisor.add('police');
    for (let i = 0; i < 3; i += 1) {
      spawned.police![i]!.crash();
      advance(5000);
    }
    expect(supervisor.givenUp('police')).toBe(false);
    spawned.police![3]!.crash();
    expect(lines.at(-1)).toMatch(/^police exited \(code 1\) after 0\.0 s: it crashed 4 times in a row, each within 10 s of starting\. Giving up on it; the others keep running/);
    expect(givenUp).toEqual(['police']);
    expect(supervisor.givenUp('police')).toBe(true);
    advance(60_000);
    expect(spawned.police).toHaveLength(4);
  });

  it('stops everything on request without restarting what it stops, and kills what ignores SIGTERM after the grace period', async () => {
    const { supervisor, spawned, advance } = setup({ ignoresSigterm: true });
    supervisor.add('police');
    supervisor.add('gateway');
    spawned.police![0]!.crash();
    const stopped = supervisor.stopAll(3000);
    expect(spawned.gateway![0]!.killed).toEqual(['SIGTERM']);
    advance(3000);
    await stopped;
    expect(spawned.gateway![0]!.killed).toEqual(['SIGTERM', 'SIGKILL']);
    // The crash's pending restart was cancelled.
    expect(spawned.police).toHaveLength(1);
  });
});
