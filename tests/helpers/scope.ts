import type { RequestScope } from '../../lib/http/requestScope';

/** A request scope without an HTTP response: `remainingMs` until its deadline, aborted when the test says. */
export function fakeScope(remainingMs = 60_000): RequestScope & { abort(): void } {
  const controller = new AbortController();
  const deadline = Date.now() + remainingMs;
  return {
    deadline,
    signal: controller.signal,
    remainingMs: () => Math.max(0, deadline - Date.now()),
    expired: () => controller.signal.aborted || Date.now() >= deadline,
    onEnd: () => undefined,
    abort: () => controller.abort('client-gone'),
  };
}
