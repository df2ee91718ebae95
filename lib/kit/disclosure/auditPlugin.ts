import type { ApolloServerPlugin } from '@apollo/server';
import type { AgencyId } from '../../agencies';
import { ErrorCode, requestAbandoned } from '../../errors';
import { log } from '../../log';
import { retryWhileBusy } from '../store/storeLock';
import type { AccessControl } from '../../policy/access';
import type { DisclosureRecorder, DisclosureSink } from './disclosureLog';
import type { RequestContext } from '../../viewer';

/**
 * Writes the request's disclosure ledger to the agency's log once execution is done and before
 * the response leaves, in the log's next group commit (`record`), or alone (`sink`) when that
 * fails. When the log cannot be written the response is replaced by an error: no record, no
 * release. When nobody waits for the answer any more (the gateway's deadline passed, or
 * it closed the connection) nothing is written and nothing is released: a disclosure is recorded
 * only for an answer that is sent.
 */
export function auditPlugin(agency: AgencyId, record: DisclosureRecorder, sink: DisclosureSink): ApolloServerPlugin<RequestContext & { access: AccessControl }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const { ledger } = contextValue.access;
          if (ledger.size === 0 || response.body.kind !== 'single') return;
          if (contextValue.scope?.expired()) {
            log.info('answer abandoned: nothing released, nothing recorded', { agency, requestId: contextValue.requestId, reason: String(contextValue.scope.signal.reason ?? 'deadline') });
            response.body.singleResult.data = null;
            response.body.singleResult.errors = [{ message: requestAbandoned(agency).message, extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency } }];
            return;
          }
          try {
            // The group commit first; should it fail (another process may hold the store's lock a
            // moment), this request alone is retried, without blocking, within its deadline.
            await record(contextValue, agency, ledger).catch(() => retryWhileBusy(() => sink(contextValue, agency, ledger), contextValue.scope));
          } catch (error) {
            log.error('disclosure log unavailable: response withheld', { agency, requestId: contextValue.requestId, kind: (error as Error).name });
            response.body.singleResult.data = null;
            response.body.singleResult.errors = [
              { message: 'This agency could not record the disclosure; its data is withheld.', extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency } },
            ];
          }
        },
      };
    },
  };
}
