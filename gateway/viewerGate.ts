import type { RequestScope } from '../lib/http/requestScope';
import { tooManyRequests } from './errors';

export interface ViewerGateOptions {
  /** Requests of one viewer that run at once. */
  maxInFlight: number;
  /** Requests of one viewer that wait for a slot, in order of arrival; one more is refused. */
  maxQueued: number;
  /**
   * The estimated cost one viewer's running requests may add up to (the query cost limit): a request
   * at the limit runs alone, small ones side by side. A lone request always runs.
   */
  maxCost: number;
}

export interface ViewerGate {
  /**
   * Waits for a slot in `viewer`'s lane for a request of this estimated cost, within the request's
   * scope, and resolves with the function that frees it (idempotent).
   * @throws GraphQLError TOO_MANY_REQUESTS (429, `Retry-After`) when the viewer's queue is full, or the
   *   request's deadline passes (or its caller leaves) while it waits.
   */
  admit(viewer: string, scope: RequestScope, cost?: number): Promise<() => void>;
  /** Requests of `viewer` running and waiting, and the cost running, for tests and logs. */
  load(viewer: string): { running: number; waiting: number; cost: number };
}

interface Waiting {
  cost: number;
  grant: () => void;
}

interface Lane {
  running: number;
  cost: number;
  waiting: Waiting[];
}

/**
 * Bounds the work one viewer has in flight at the gateway: their requests run while there are
 * fewer than `maxInFlight` of them and their estimated costs add up to at most `maxCost` (so the
 * largest allowed requests run one at a time), the next `maxQueued` wait in their own
 * first-in-first-out lane, and anything beyond is refused with 429. Each viewer has a lane of their
 * own, so one viewer's backlog never delays another's: however many requests one account sends,
 * everyone else's are admitted at once.
 */
export function createViewerGate(options: ViewerGateOptions): ViewerGate {
  const lanes = new Map<string, Lane>();
  const fits = (lane: Lane, cost: number) => lane.running === 0 || (lane.running < options.maxInFlight && lane.cost + cost <= options.maxCost);
  /** In order: the first waiting request runs as soon as it fits, and the ones behind it wait for it. */
  const drain = (viewer: string, lane: Lane) => {
    while (lane.waiting.length > 0 && fits(lane, lane.waiting[0]!.cost)) lane.waiting.shift()!.grant();
    if (lane.running === 0 && lane.waiting.length === 0) lanes.delete(viewer);
  };

  const start = (viewer: string, lane: Lane, cost: number): (() => void) => {
    lane.running += 1;
    lane.cost += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.running -= 1;
      lane.cost -= cost;
      drain(viewer, lane);
    };
  };

  return {
    admit(viewer, scope, cost = 0) {
      let lane = lanes.get(viewer);
      if (!lane) {
        lane = { running: 0, cost: 0, waiting: [] };
        lanes.set(viewer, lane);
      }
      if (lane.waiting.length === 0 && fits(lane, cost)) return Promise.resolve(start(viewer, lane, cost));
      if (lane.waiting.length >= options.maxQueued || scope.signal.aborted) return Promise.reject(tooManyRequests());
      const current = lane;
      return new Promise((resolve, reject) => {
        const entry: Waiting = {
          cost,
          grant: () => {
            scope.signal.removeEventListener('abort', leave);
            resolve(start(viewer, current, cost));
          },
        };
        const leave = () => {
          const at = current.waiting.indexOf(entry);
          if (at >= 0) current.waiting.splice(at, 1);
          reject(tooManyRequests());
          drain(viewer, current);
        };
        scope.signal.addEventListener('abort', leave, { once: true });
        current.waiting.push(entry);
      });
    },
    load: (viewer) => ({ running: lanes.get(viewer)?.running ?? 0, waiting: lanes.get(viewer)?.waiting.length ?? 0, cost: lanes.get(viewer)?.cost ?? 0 }),
  };
}
