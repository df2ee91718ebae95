import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestScope } from '../lib/http/requestScope';

/** Seconds a client told TOO_MANY_REQUESTS should wait before it asks again. */
export const RETRY_AFTER_SECONDS = 1;

/** 429: this viewer already has as many requests running and waiting as the gateway allows. */
export function tooManyRequests(): GraphQLError {
  // Apollo sets the headers of a Map; the typing of `extensions.http` seen here is graphql-yoga's (bench).
  const headers = new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) as unknown as Record<string, string>;
  return new GraphQLError('Too many of your requests are running at once: wait for them, then ask again.', {
    extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429, headers } },
  });
}

export interface ViewerGateOptions {
  /** Requests of one viewer that run at once. */
  maxInFlight: number;
  /** Requests of one viewer that wait for a slot, in order of arrival; one more is refused. */
  maxQueued: number;
}

export interface ViewerGate {
  /**
   * Waits for one of `viewer`'s slots, within the request's scope, and resolves with the function
   * that frees it (idempotent).
   * @throws GraphQLError TOO_MANY_REQUESTS (429, `Retry-After`) when the viewer's queue is full, or the
   *   request's deadline passes (or its caller leaves) while it waits.
   */
  admit(viewer: string, scope: RequestScope): Promise<() => void>;
  /** Requests of `viewer` running and waiting, for tests and logs. */
  load(viewer: string): { running: number; waiting: number };
}

interface Lane {
  running: number;
  waiting: { grant: () => void }[];
}

/**
 * Bounds the work one viewer has in flight at the gateway: at most `maxInFlight` of their requests
 * run at once, `maxQueued` more wait in their own first-in-first-out lane, and anything beyond is
 * refused with 429. Each viewer has a lane of their own, so one viewer's backlog never delays
 * another's: however many requests one account sends, everyone else's are admitted at once.
 */
export function createViewerGate(options: ViewerGateOptions): ViewerGate {
  const lanes = new Map<string, Lane>();

  const releaser = (viewer: string, lane: Lane) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) return next.grant(); // the slot passes on: `running` is unchanged
      lane.running -= 1;
      if (lane.running === 0) lanes.delete(viewer);
    };
  };

  return {
    admit(viewer, scope) {
      let lane = lanes.get(viewer);
      if (!lane) {
        lane = { running: 0, waiting: [] };
        lanes.set(viewer, lane);
      }
      if (lane.running < options.maxInFlight) {
        lane.running += 1;
        return Promise.resolve(releaser(viewer, lane));
      }
      if (lane.waiting.length >= options.maxQueued || scope.signal.aborted) return Promise.reject(tooManyRequests());
      const current = lane;
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            scope.signal.removeEventListener('abort', leave);
            resolve(releaser(viewer, current));
          },
        };
        const leave = () => {
          const at = current.waiting.indexOf(entry);
          if (at >= 0) current.waiting.splice(at, 1);
          reject(tooManyRequests());
        };
        scope.signal.addEventListener('abort', leave, { once: true });
        current.waiting.push(entry);
      });
    },
    load: (viewer) => ({ running: lanes.get(viewer)?.running ?? 0, waiting: lanes.get(viewer)?.waiting.length ?? 0 }),
  };
}
