import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { AgencyId } from '../../agencies';
import { agencyUnavailable, badUserInput, forbiddenOperation } from '../../errors';
import { requireFreeText } from '../../validation';
import type { RequestContext } from '../../viewer';
import { auditsLogOf } from '../../policy/auditReaders';
import { requireMutation } from '../../policy/operations';
import type { AccessControl } from '../../policy/access';
import { isAuditor, type AuditAccessSigner, type AuditAccessVerifier } from './auditAccess';
import { auditField, reviewMutation } from './auditSchema';
import type { DisclosureLog } from './disclosureLog';
import { presentDisclosures, presentReview, type DisclosureView, type ReviewView } from './disclosureView';
import { MAX_REVIEW_NOTE, NotReviewableError } from './review';

/** What a subgraph's audit fields need: its own log and the check of who may read it. */
export interface SubgraphAudit {
  log: DisclosureLog;
  verifyAccess: AuditAccessVerifier;
  /** The FJC only: signs who may read a client's records (`DisclosureReport.auditAccess`). */
  signAccess?: AuditAccessSigner;
}

/** The part of a subgraph's context the audit resolvers read. */
export interface AuditContext extends RequestContext {
  agency: AgencyId;
  audit?: SubgraphAudit;
  /** Where a read of this log by another agency is recorded, in this log. */
  access: Pick<AccessControl, 'noteAuditRead'>;
}

/** A `DisclosureReport` as the planner hands it over: the key and the FJC's access token. */
export interface ReportReference {
  clientId: string;
  auditAccess?: unknown;
}

function auditOf(context: AuditContext): SubgraphAudit {
  // A subgraph built without its log cannot answer for it: as if it were down.
  if (!context.audit) throw agencyUnavailable(context.agency);
  return context.audit;
}

/** @throws FORBIDDEN unless the viewer is an auditor with purpose AUDIT. */
export function requireAuditor(context: RequestContext): void {
  if (!isAuditor(context)) throw forbiddenOperation();
}

/** @throws FORBIDDEN unless the viewer audits `agency`'s log: its own auditor or the FJC's. */
function requireAuditorOf(context: RequestContext, agency: AgencyId): void {
  if (!auditsLogOf(context, agency)) throw forbiddenOperation();
}

/**
 * Records a read of this log by another agency's viewer in this log, one record per client whose
 * records were read, before the response leaves (the audit plugin writes the ledger).
 */
function recordCrossAgencyRead(context: AuditContext, records: DisclosureView[], field: string): DisclosureView[] {
  if (context.viewer.agency !== context.agency) {
    for (const clientId of new Set(records.map((r) => r.clientId))) context.access.noteAuditRead(clientId, field);
  }
  return records;
}

/**
 * The audit resolvers every subgraph has, for the fields `auditTypeDefs` adds: this agency's list
 * on both audit entities and its review mutation. Every check is made here, from the verified
 * bearer token and the FJC's signed token, never from what a router passed along unverified.
 */
export function auditResolvers(agency: AgencyId): GraphQLResolverMap<AuditContext> {
  const field = auditField(agency);
  return {
    DisclosureReport: {
      __resolveReference: (reference: ReportReference) => reference,
      [field]: async (report: ReportReference, _args: unknown, context: AuditContext): Promise<DisclosureView[]> => {
        const audit = auditOf(context);
        const view = await audit.verifyAccess(report.auditAccess, context, report.clientId);
        if (!view) throw forbiddenOperation();
        if (context.viewer.agency !== context.agency) context.access.noteAuditRead(report.clientId, `DisclosureReport.${field}`);
        return presentDisclosures(audit.log, audit.log.list(report.clientId), view);
      },
    },
    DisclosureReviewQueue: {
      __resolveReference: (reference: { scope: string }) => reference,
      [field]: (_queue: unknown, _args: unknown, context: AuditContext): DisclosureView[] => {
        requireAuditorOf(context, agency);
        const audit = auditOf(context);
        return recordCrossAgencyRead(context, presentDisclosures(audit.log, audit.log.pendingReview(), 'AUDITOR'), `DisclosureReviewQueue.${field}`);
      },
    },
    Mutation: {
      [reviewMutation(agency)]: (_root: unknown, args: { seq: number; justified: boolean; note: string }, context: AuditContext): ReviewView => {
        requireMutation('reviewDisclosure', context, agency);
        const audit = auditOf(context);
        const note = requireFreeText('note', args.note, MAX_REVIEW_NOTE);
        try {
          return presentReview(agency, audit.log.review(args.seq, { justified: args.justified, note }, context));
        } catch (error) {
          if (error instanceof NotReviewableError) throw badUserInput('seq', 'names no break-the-glass record of this agency.');
          throw error;
        }
      },
    },
  };
}
