/** The part of a child process the supervisor uses (a `ChildProcess`, or a fake in tests). */
export interface Child {
  readonly pid?: number;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export interface RestartPolicy {
  /** Wait before the first restart after a crash, in ms; doubles with each crash in a row. */
  restartDelayMs: number;
  /** Longest wait between restarts, in ms. */
  maxRestartDelayMs: number;
  /** Crashes in a row, each soon after its start, after which the process is given up. */
  maxFastCrashes: number;
  /** A process that ran at least this long before it crashed starts a new count, in ms. */
  stableAfterMs: number;
}

export interface SupervisorOptions<Name extends string> extends RestartPolicy {
  /** Starts (or restarts) one process. */
  spawn: (name: Name) => Child;
  /** One line for the operator. */
  say: (message: string) => void;
  /** Called once a process is given up (npm start stops everything when it is the gateway). */
  onGiveUp?: (name: Name) => void;
  /** Clock in ms; default `Date.now`. */
  now?: () => number;
}

export interface Supervisor<Name extends string> {
  /** Starts `name` and keeps it running until `stopAll`, or until it is given up. */
  add(name: Name): void;
  /** Whether `name` was given up after repeated fast crashes. */
  givenUp(name: Name): boolean;
  /** The pid of `name`'s current process, if one runs. */
  pid(name: Name): number | undefined;
  /** SIGTERM to every process, SIGKILL to those still running after `graceMs`; restarts nothing more. */
  stopAll(graceMs: number): Promise<void>;
}

interface Slot {
  child?: Child;
  exited?: Promise<void>;
  startedAt: number;
  crashes: number;
  timer?: NodeJS.Timeout;
  givenUp: boolean;
}

/**
 * Keeps a set of named processes running, as `npm start` does: a process that exits on its own is
 * logged and restarted after a delay that doubles with each crash in a row; one that keeps crashing
 * soon after it starts (a port in use, a broken store) is given up, and the operator told so,
 * instead of being restarted forever. The others are never touched: the gateway keeps serving the
 * agencies that run, and answers AGENCY_UNAVAILABLE for the one that does not.
 */
export function createSupervisor<Name extends string>(options: SupervisorOptions<Name>): Supervisor<Name> {
  const now = options.now ?? Date.now;
  const slots = new Map<Name, Slot>();
  let stopping = false;

  const delayAfter = (crashes: number) => Math.min(options.restartDelayMs * 2 ** (crashes - 1), options.maxRestartDelayMs);

  function run(name: Name, slot: Slot): void {
    const child = options.spawn(name);
    slot.child = child;
    slot.startedAt = now();
    slot.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        slot.child = undefined;
        resolve();
        if (!stopping) crashed(name, slot, signal ?? `code ${code}`);
      });
    });
    options.say(`${name} started (pid ${child.pid ?? '?'})`);
  }

  function crashed(name: Name, slot: Slot, how: string): void {
    const ranMs = now() - slot.startedAt;
    slot.crashes = ranMs >= options.stableAfterMs ? 1 : slot.crashes + 1;
    const ran = `after ${(ranMs / 1000).toFixed(1)} s`;
    if (slot.crashes >= options.maxFastCrashes) {
      slot.givenUp = true;
      options.say(
        `${name} exited (${how}) ${ran}: it crashed ${slot.crashes} times in a row, each within ${options.stableAfterMs / 1000} s of starting. ` +
          `Giving up on it; the others keep running (the gateway answers AGENCY_UNAVAILABLE for its data). Fix the cause (its log is above) and restart npm start.`,
      );
      options.onGiveUp?.(name);
      return;
    }
    const delay = delayAfter(slot.crashes);
    options.say(`${name} exited (${how}) ${ran}; restarting it in ${(delay / 1000).toFixed(1)} s (crash ${slot.crashes} in a row)`);
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (!stopping) run(name, slot);
    }, delay);
  }

  return {
    add(name) {
      const slot: Slot = { startedAt: now(), crashes: 0, givenUp: false };
      slots.set(name, slot);
      run(name, slot);
    },
    givenUp: (name) => slots.get(name)?.givenUp ?? false,
    pid: (name) => slots.get(name)?.child?.pid,
    async stopAll(graceMs) {
      stopping = true;
      const running = [...slots.values()].filter((slot) => {
        clearTimeout(slot.timer);
        return slot.child !== undefined;
      });
      for (const slot of running) slot.child!.kill('SIGTERM');
      const forced = setTimeout(() => running.forEach((slot) => slot.child?.kill('SIGKILL')), graceMs);
      await Promise.all(running.map((slot) => slot.exited));
      clearTimeout(forced);
    },
  };
}
