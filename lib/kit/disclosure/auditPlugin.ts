import type { ApolloServerPlugin } from '@apollo/server';
import type { AgencyId } from '../../agencies';
import { ErrorCode } from '../../errors';
import { log } from '../../log';
import type { AccessControl } from '../../policy/access';
import type { DisclosureSink } from './disclosureLog';
import type { RequestContext } from '../../viewer';

/**
 * Writes the request's disclosure ledger to the agency's log once execution is done and before
 * the response leaves. When the log cannot be written the response is replaced by an error: no
 * record, no release.
 */
export function auditPlugin(agency: AgencyId, sink: DisclosureSink): ApolloServerPlugin<RequestContext & { access: AccessControl }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const { ledger } = contextValue.access;
          if (ledger.size === 0 || response.body.kind !== 'single') return;
          try {
            sink(contextValue, agency, ledger);
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
