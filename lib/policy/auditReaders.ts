import type { AgencyId } from '../agencies';
import type { RequestContext } from '../viewer';

/**
 * Who reads disclosure logs (docs/authorization.md, Audit logs). Every agency keeps its own log
 * of what it released; its own AUDITOR (purpose AUDIT) reads it. Reading across agencies (a
 * client's subject access report over every agency, another agency's log or review queue) is the
 * FJC's data-protection role: the FJC's AUDITOR. Each such read is recorded in the log that was
 * read. The client's own FJC case manager reads the client's records too, without staff identity,
 * on the FJC's signed word that the client is theirs (lib/kit/disclosure/auditAccess.ts).
 */

/** The role AUDITOR with the purpose AUDIT: decided from the verified bearer token alone. */
export function isAuditor(request: RequestContext): boolean {
  return request.purpose === 'AUDIT' && request.viewer.roles.includes('AUDITOR');
}

/** Whether the viewer audits `logAgency`'s log: an auditor of that agency, or of the FJC. */
export function auditsLogOf(request: RequestContext, logAgency: AgencyId): boolean {
  return isAuditor(request) && (request.viewer.agency === logAgency || request.viewer.agency === 'fjc');
}
