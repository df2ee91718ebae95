import type { RequestContext } from '../../lib/kit';
import type { FjcStore } from './store';

const requestTimes = new WeakMap<RequestContext, string>();

/** The one instant a request's writes are stamped with, so a record and its log row agree. */
export function requestTime(request: RequestContext): string {
  let at = requestTimes.get(request);
  if (!at) {
    at = new Date().toISOString();
    requestTimes.set(request, at);
  }
  return at;
}

/**
 * Records who changed what, when, under which request id, for which purpose and on which claimed
 * basis (the conference id and the emergency reason, as validated by lib/basisHeaders.ts). Call it
 * inside the mutation's transaction, so a mutation and its log row are written together or not at
 * all. The table is append-only: its triggers refuse UPDATE and DELETE.
 * @param operation - the mutation's name, e.g. `recordConsent`.
 * @param targetId - the id of the record created or changed.
 */
export function logMutation(store: FjcStore, request: RequestContext, operation: string, targetId: string): void {
  store.run(
    `INSERT INTO mutation_log (at, request_id, sub, agency, operation, target_id, purpose, conference_id, emergency_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    requestTime(request),
    request.requestId,
    request.viewer.sub,
    request.viewer.agency,
    operation,
    targetId,
    request.purpose,
    request.conferenceId ?? null,
    request.emergencyReason ?? null,
  );
}
