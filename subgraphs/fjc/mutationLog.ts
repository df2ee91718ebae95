import type { RequestContext } from '../../lib/viewer';
import type { FjcStore } from './store';

/**
 * Records who changed what, when and under which request id. Call it inside the mutation's
 * transaction, so a mutation and its log row are written together or not at all.
 * @param operation - the mutation's name, e.g. `recordConsent`.
 * @param targetId - the id of the record created or changed.
 */
export function logMutation(store: FjcStore, request: RequestContext, operation: string, targetId: string): void {
  store.run(
    'INSERT INTO mutation_log (at, request_id, sub, agency, operation, target_id) VALUES (?, ?, ?, ?, ?, ?)',
    new Date().toISOString(),
    request.requestId,
    request.viewer.sub,
    request.viewer.agency,
    operation,
    targetId,
  );
}
