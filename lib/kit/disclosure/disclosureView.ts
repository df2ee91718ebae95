import type { AgencyId } from '../../agencies';
import type { Basis, DenyCode } from '../../policy/decide';
import { CATEGORIES, type Category } from '../../viewer';
import type { AuditView } from './auditAccess';
import type { DisclosureLog } from './disclosureLog';
import type { OutcomeRow, UndeliveredReason } from './outcomes';
import type { DisclosureRecord } from './record';
import type { DisclosureReviewRecord } from './review';

/** `DisclosureReview` as the schema returns it. */
export interface ReviewView {
  agency: AgencyId;
  id: number;
  seq: number;
  justified: boolean;
  note: string;
  reviewerSub: string;
  reviewerName: string;
  reviewerAgency: string;
  at: string;
  requestId: string;
}

/** `Disclosure` as the schema returns it; `null` where this view may not look. */
export interface DisclosureView {
  agency: AgencyId;
  seq: number;
  time: string;
  clientId: string | null;
  purpose: string;
  viewerAgency: string;
  viewerRoles: string[];
  viewerSub: string | null;
  viewerName: string | null;
  bases: { category: Category; basis: Basis }[];
  categories: Category[];
  denied: { category: Category; code: DenyCode }[] | null;
  fields: string[] | null;
  conferenceId: string | null;
  emergencyReason: string | null;
  requestId: string | null;
  reviewRequired: boolean;
  reviews: ReviewView[] | null;
  hash: string | null;
  delivered: boolean;
  notDeliveredBecause: UndeliveredReason | null;
}

/** Categories in the order of the Category enum (docs/authorization.md), whatever order the JSON column has. */
function inOrder<T extends string>(map: Partial<Record<Category, T>>): [Category, T][] {
  return CATEGORIES.filter((c) => map[c] !== undefined).map((c) => [c, map[c]!]);
}

export function presentReview(agency: AgencyId, review: DisclosureReviewRecord): ReviewView {
  return {
    agency,
    id: review.id,
    seq: review.seq,
    justified: review.justified,
    note: review.note,
    reviewerSub: review.reviewer.sub,
    reviewerName: review.reviewer.name,
    reviewerAgency: review.reviewer.agency,
    at: review.at,
    requestId: review.requestId,
  };
}

function present(agency: AgencyId, record: DisclosureRecord, view: AuditView, reviews: DisclosureReviewRecord[] | undefined, outcome: OutcomeRow | undefined): DisclosureView {
  const auditor = view === 'AUDITOR';
  const granted = inOrder(record.granted);
  return {
    agency,
    seq: record.seq,
    time: record.time,
    clientId: record.clientId,
    purpose: record.purpose,
    viewerAgency: record.viewer.agency,
    viewerRoles: record.viewer.roles,
    viewerSub: auditor ? record.viewer.sub : null,
    viewerName: auditor ? record.viewer.name : null,
    bases: granted.map(([category, basis]) => ({ category, basis })),
    categories: granted.map(([category]) => category),
    denied: auditor ? inOrder(record.denied).map(([category, code]) => ({ category, code })) : null,
    fields: auditor ? record.fields : null,
    conferenceId: record.conferenceId,
    emergencyReason: auditor ? record.emergencyReason : null,
    requestId: auditor ? record.requestId : null,
    reviewRequired: record.reviewRequired,
    reviews: auditor ? (reviews ?? []).map((r) => presentReview(agency, r)) : null,
    hash: auditor ? record.hash : null,
    delivered: outcome === undefined,
    notDeliveredBecause: outcome?.reason ?? null,
  };
}

/**
 * What `view` may see of some records of `log`: an auditor everything, reviews included; the
 * client's side only the records that disclosed something (a refusal disclosed nothing). Both see
 * whether each disclosure's answer reached the viewer.
 */
export function presentDisclosures(log: DisclosureLog, records: DisclosureRecord[], view: AuditView): DisclosureView[] {
  const shown = view === 'AUDITOR' ? records : records.filter((r) => Object.keys(r.granted).length > 0);
  const reviews = view === 'AUDITOR' ? log.reviewsOf(shown.filter((r) => r.reviewRequired).map((r) => r.seq)) : new Map<number, DisclosureReviewRecord[]>();
  const outcomes = log.outcomesOf(shown.map((r) => r.seq));
  return shown.map((record) => present(log.agency, record, view, reviews.get(record.seq), outcomes.get(record.seq)));
}
