import { Kind, type DocumentNode } from 'graphql';
import { AGENCY_NAMES, FILE_FIELDS, type AgencyId } from '../../agencies';

/**
 * The disclosure-log part of every subgraph's SDL, from one template: the same record types in
 * each, and per agency one list field on the two audit entities and one review mutation. The
 * subgraphs each contribute their own list because each log lives in its own store; a root field
 * cannot be resolved by every subgraph at once, an entity's fields can (docs/disclosure-log.md).
 */

/** The field an agency contributes to `DisclosureReport` and `DisclosureReviewQueue`. */
export function auditField(agency: AgencyId): string {
  return FILE_FIELDS[agency]!;
}

/** The agency's review mutation, e.g. `reviewPoliceDisclosure`. */
export function reviewMutation(agency: AgencyId): string {
  const field = auditField(agency);
  return `review${field[0]!.toUpperCase()}${field.slice(1)}Disclosure`;
}

const FEDERATION = /^https:\/\/specs\.apollo\.dev\/federation\//;

/**
 * The name a Federation directive has in this subgraph: `@name` when its `@link` imports it,
 * `@federation__name` otherwise (a linked spec's other elements keep its namespace). Read from
 * the agency's own header, so the template works whichever directives an agency imports.
 */
function federationNames(own: DocumentNode): (name: string) => string {
  const imported = new Set<string>();
  for (const definition of own.definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION && definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const link of definition.directives ?? []) {
      const url = link.arguments?.find((a) => a.name.value === 'url')?.value;
      const names = link.arguments?.find((a) => a.name.value === 'import')?.value;
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !FEDERATION.test(url.value) || names?.kind !== Kind.LIST) continue;
      for (const item of names.values) if (item.kind === Kind.STRING) imported.add(item.value);
    }
  }
  return (name) => (imported.has(`@${name}`) ? `@${name}` : `@federation__${name}`);
}

const SHARED = (fed: (name: string) => string) => /* GraphQL */ `
extend schema
  @link(url: "https://oneroof.dev/audit/v1.0", import: ["@auditRecord"])
  ${fed('composeDirective')}(name: "@auditRecord")

"""
Marks a type of audit records: who was shown or refused which categories of a client, when and
why. They are not person data of the categories and carry no @sensitive label: the agency that
keeps the log decides who reads them (auditors with purpose AUDIT; in part, the client's FJC case
manager), whatever router serves the supergraph.
"""
directive @auditRecord on OBJECT

"The legal basis a category was shown on (docs/authorization.md, Rules)."
enum DisclosureBasis {
  OWN_RECORD
  CONSENT
  CASE_CONFERENCE
  EMERGENCY
  JOINT_CLIENT
}

"One category shown, and on which basis."
type CategoryBasis @auditRecord ${fed('shareable')} {
  category: Category!
  basis: DisclosureBasis!
}

"One category refused, and with which code (docs/interface.md, Error codes)."
type CategoryDenial @auditRecord ${fed('shareable')} {
  category: Category!
  code: String!
}

"""
One record of an agency's disclosure log: what one request was shown, or refused, of one client.
Fields marked (auditors only) are null for anyone else; only auditors see records that show nothing.
"""
type Disclosure @auditRecord ${fed('shareable')} {
  "The agency that holds the data and kept this record."
  agency: String!
  "The record's number in that agency's log."
  seq: Int!
  "When, ISO 8601 date-time, UTC."
  time: String!
  "The FJC client id; null for values reached without a client."
  clientId: ID
  "The purpose of use the viewer gave."
  purpose: String!
  "The viewer's agency."
  viewerAgency: String!
  "The viewer's roles."
  viewerRoles: [String!]!
  "The viewer's staff id (auditors only)."
  viewerSub: String
  "The viewer's name (auditors only)."
  viewerName: String
  "The categories shown, each with its basis."
  bases: [CategoryBasis!]!
  "The categories shown."
  categories: [Category!]!
  "The categories refused (auditors only)."
  denied: [CategoryDenial!]
  "The fields released, as Type.field (auditors only)."
  fields: [String!]
  "The security conference named, with purpose SECURITY_CONFERENCE."
  conferenceId: String
  "Why the viewer broke the glass (auditors only)."
  emergencyReason: String
  "The request id, as in the gateway's request log (auditors only)."
  requestId: String
  "Break-the-glass: an EMERGENCY basis was used, a reviewer must judge it."
  reviewRequired: Boolean!
  "Reviewers' verdicts, oldest first (auditors only)."
  reviews: [DisclosureReview!]
  "The record's hash in the agency's chain, as npm run audit:verify checks it (auditors only)."
  hash: String
  """
  Whether the answer that carried this disclosure reached the viewer. The record is written before
  the answer leaves; false when the gateway reported afterwards that it never arrived: the agency
  released the data, but the viewer did not see it.
  """
  delivered: Boolean!
  "Why the answer never reached the viewer: NOT_RECEIVED_BY_GATEWAY (the gateway stopped waiting for this agency) or VIEWER_GONE (the viewer's connection was gone before the answer was written); null when it did."
  notDeliveredBecause: String
}

"A reviewer's verdict on a break-the-glass record: a record of its own, never an edit of the one judged."
type DisclosureReview @auditRecord ${fed('shareable')} {
  "The agency whose log holds the record and the review."
  agency: String!
  "The review's number in that agency's review chain."
  id: Int!
  "The judged record's number in the agency's log."
  seq: Int!
  justified: Boolean!
  note: String!
  reviewerSub: String!
  reviewerName: String!
  reviewerAgency: String!
  "When, ISO 8601 date-time, UTC."
  at: String!
  requestId: String!
}
`;

function perAgency(agency: AgencyId, fed: (name: string) => string): string {
  const field = auditField(agency);
  const fjc = agency === 'fjc';
  const access = fjc ? `auditAccess: String ${fed('inaccessible')}` : `auditAccess: String ${fed('external')}`;
  const requires = fjc ? '' : ` ${fed('requires')}(fields: "auditAccess")`;
  return /* GraphQL */ `
"""
A client's disclosure records (subject access report): each agency's list comes from its own log.
An agency's auditor (purpose AUDIT) reads its own agency's list, the FJC's auditor every list (each
such read is recorded in the log read); the client's FJC case manager (purpose CASE_MANAGEMENT) sees
what was disclosed, without staff identity; anyone else is refused (FORBIDDEN).
"""
type DisclosureReport ${fed('key')}(fields: "clientId") @auditRecord {
  clientId: ID!
  "Who may read the report, signed by the FJC for this request (JWS, one minute); agencies verify it."
  ${access}
  "${AGENCY_NAMES[agency]}: its records of the client, oldest first."
  ${field}: [Disclosure!]${requires}
}

"Break-the-glass records no reviewer has judged yet, each agency's from its own log (its own auditor or the FJC's, purpose AUDIT)."
type DisclosureReviewQueue ${fed('key')}(fields: "scope") @auditRecord {
  "Always EMERGENCY."
  scope: String!
  "${AGENCY_NAMES[agency]}: its records waiting for review, oldest first."
  ${field}: [Disclosure!]
}

extend type Mutation {
  """
  Records a verdict on a break-the-glass record of ${AGENCY_NAMES[agency]} (its own auditor or the FJC's, purpose AUDIT): justified or
  not, with a note of 1 to 2000 characters. Adds a review to the agency's chain; the record is never changed.
  """
  ${reviewMutation(agency)}(seq: Int!, justified: Boolean!, note: String!): DisclosureReview!
}
${fjc ? FJC_ROOTS : ''}`;
}

const FJC_ROOTS = /* GraphQL */ `
extend type Query {
  "A client's disclosure records from every agency's log (auditors with purpose AUDIT, or the client's FJC case manager)."
  disclosureReport(clientId: ID!): DisclosureReport
  "Break-the-glass records waiting for review, from every agency's log (auditors with purpose AUDIT)."
  disclosureReview: DisclosureReviewQueue
}

extend type Client {
  "The client's disclosure records from every agency's log (the client's FJC case manager; auditors, who look no client up, use Query.disclosureReport)."
  disclosures: DisclosureReport
}
`;

/**
 * The audit SDL to append to an agency's own SDL.
 * @param own - the agency's parsed SDL, whose `@link` header says how Federation directives are named.
 */
export function auditTypeDefs(agency: AgencyId, own: DocumentNode): string {
  const fed = federationNames(own);
  return `${SHARED(fed)}\n${perAgency(agency, fed)}`;
}
