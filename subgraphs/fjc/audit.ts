import { agencyUnavailable, forbiddenOperation, requireIdentifier } from '../../lib/kit';
import { type AuditView, isAuditor, mayAskAsCaseManager, type ReportReference, requireAuditor } from '../../lib/kit/fjc';
import type { FjcContext as Context } from './context';
import type { FjcStore } from './store';

/**
 * Who may read a client's disclosure records is the FJC's decision, because only the FJC knows
 * who the client's case manager is. It is taken here for every request, then handed to each
 * agency as a signed audit access token (`DisclosureReport.auditAccess`); the agencies' own
 * lists are resolved by the shared audit resolvers (lib/kit/disclosure/auditResolvers.ts).
 */

/** Whether `staffId` manages an open case the client is currently a member of. */
export function isCaseManagerOf(store: FjcStore, staffId: string, clientId: string): boolean {
  return (
    store.get<{ one: number }>(
      `SELECT 1 AS one FROM cases c JOIN case_members m ON m.case_id = c.id
       WHERE m.client_id = ? AND c.case_manager = ? AND c.status = 'OPEN' LIMIT 1`,
      clientId,
      staffId,
    ) !== undefined
  );
}

function viewOf(context: Context, clientId: string): AuditView | null {
  if (isAuditor(context)) return 'AUDITOR';
  if (mayAskAsCaseManager(context) && isCaseManagerOf(context.store, context.viewer.sub, clientId)) return 'SUBJECT';
  return null;
}

/**
 * The report entity for one client, with the token that lets the agencies serve it.
 * @throws FORBIDDEN for anyone but an auditor (purpose AUDIT) or the client's case manager
 * (purpose CASE_MANAGEMENT), the same whether or not the client exists.
 */
async function reportFor(context: Context, clientId: string): Promise<Required<ReportReference>> {
  const view = viewOf(context, clientId);
  if (!view) throw forbiddenOperation();
  if (!context.audit?.signAccess) throw agencyUnavailable('fjc');
  return { clientId, auditAccess: await context.audit.signAccess.sign(context, clientId, view) };
}

export const auditResolvers = {
  Query: {
    disclosureReport: (_: unknown, args: { clientId: string }, context: Context) =>
      reportFor(context, requireIdentifier('clientId', args.clientId)),
    disclosureReview: (_: unknown, _args: unknown, context: Context) => {
      requireAuditor(context);
      return { scope: 'EMERGENCY' };
    },
  },
  Client: {
    disclosures: (client: { id: string }, _args: unknown, context: Context) => reportFor(context, client.id),
  },
  DisclosureReport: {
    // Another router may ask the FJC for the entity directly: decide again, trust nothing passed in.
    __resolveReference: (reference: ReportReference, context: Context) => reportFor(context, reference.clientId),
  },
};
