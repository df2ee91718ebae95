/**
 * The FJC's seam into the kit: what only the FJC's own subgraph does, beside the public API
 * (`lib/kit/index.ts`) every agency uses. The FJC holds consent and the legal bases, so it signs
 * the consent assertion each partner agency verifies (`SubgraphDefinition.basesSource` hands the
 * kit the bases from its registry; `context.access.signer` signs them), and it alone knows who a
 * client's case manager is, so it decides who may read a client's disclosure records and signs
 * that decision for every agency's log (`DisclosureContext.audit.signAccess`).
 */
export type { BasesSource } from '../policy/access';
export type { AssertionSigner } from '../auth/assertions';
export { isAuditor, mayAskAsCaseManager, type AuditView } from './disclosure/auditAccess';
export { requireAuditor, type AuditContext, type ReportReference, type SubgraphAudit } from './disclosure/auditResolvers';

import type { SubgraphAudit } from './disclosure/auditResolvers';

/** What the disclosure log adds to every request's context (`useDisclosureLog`). */
export interface DisclosureContext {
  /** The agency's log and who may read it; absent in a server built without the log. */
  audit?: SubgraphAudit;
}
