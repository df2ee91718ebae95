export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit; default 3. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before it lets one probe through, in ms; default 5000. */
  cooldownMs?: number;
  /** Clock in ms; default `Date.now` (tests move it). */
  now?: () => number;
}

/** A call the breaker let through: report how it ended exactly once. */
export interface BreakerTicket {
  success(): void;
  failure(): void;
  /**
   * The call says nothing about the agency's health (it was cut short by the caller's own deadline,
   * or by its own size): neither a success nor a failure. A probe that ends so lets the next call probe.
   */
  inconclusive(): void;
}

export interface CircuitBreaker {
  readonly state: BreakerState;
  /** A ticket when the call may go out, `undefined` when the agency is to be answered unavailable at once. */
  tryAcquire(): BreakerTicket | undefined;
}

/**
 * One agency's circuit: closed until `failureThreshold` calls fail in a row, then open (every call
 * answered unavailable without touching the network, so a dead agency is not hammered and callers
 * do not each wait out its timeout), then, after `cooldownMs`, half-open: exactly one probe goes
 * out; its success closes the circuit, its failure opens it for another cool-down.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 5000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): BreakerState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  };

  return {
    get state() {
      return state();
    },
    tryAcquire() {
      const current = state();
      if (current === 'open' || (current === 'half-open' && probing)) return undefined;
      const probe = current === 'half-open';
      if (probe) probing = true;
      let settled = false;
      const settle = (ok: boolean | undefined) => {
        if (settled) return;
        settled = true;
        if (probe) probing = false;
        if (ok === undefined) return;
        if (ok) {
          failures = 0;
          openedAt = undefined;
          return;
        }
        failures += 1;
        // A failed probe re-opens at once; a call that left while closed counts towards the threshold
        // (one that left before the circuit opened and fails late only restarts the cool-down).
        if (probe || openedAt !== undefined || failures >= threshold) openedAt = now();
      };
      return { success: () => settle(true), failure: () => settle(false), inconclusive: () => settle(undefined) };
    },
  };
}
