import type { Category } from './viewer';

/** The agencies of a Family Justice Center, with the ids used in tokens, headers, stores and errors. */
export const AGENCIES = [
  'fjc',
  'police',
  'probation',
  'perpetrator-programs',
  'youth-care',
  'housing',
  'mental-health',
] as const;

export type AgencyId = (typeof AGENCIES)[number];

/** The partner agencies: every agency except the FJC itself, in port order. */
export type PartnerAgencyId = Exclude<AgencyId, 'fjc'>;
export const PARTNER_AGENCIES = AGENCIES.filter((a): a is PartnerAgencyId => a !== 'fjc');

/** Display names, for audit reports and logs. */
export const AGENCY_NAMES: Record<AgencyId, string> = {
  fjc: 'Family Justice Center',
  police: 'Police zone',
  probation: 'Probation service (justitiehuis)',
  'perpetrator-programs': 'Perpetrator programmes',
  'youth-care': 'Youth care',
  housing: 'Housing service',
  'mental-health': 'Centre for mental health',
};

/** The field on `Client` that holds each partner agency's file. */
export const FILE_FIELDS: Record<PartnerAgencyId, string> = {
  police: 'police',
  probation: 'probation',
  'perpetrator-programs': 'perpetratorProgram',
  'youth-care': 'youthCare',
  housing: 'housing',
  'mental-health': 'mentalHealth',
};

/**
 * The data category of each partner agency's `involved`: that an agency knows a client is
 * INVOLVEMENT, except at the mental-health centre, where the fact of being in care is itself
 * health data (GDPR art. 9). The reference directory decides each agency's entry with this
 * category (docs/authorization.md, the directory rule); a test checks that the schema's
 * `@sensitive` labels say the same.
 */
export const INVOLVED_CATEGORY: Readonly<Record<PartnerAgencyId, Category>> = {
  police: 'INVOLVEMENT',
  probation: 'INVOLVEMENT',
  'perpetrator-programs': 'INVOLVEMENT',
  'youth-care': 'INVOLVEMENT',
  housing: 'INVOLVEMENT',
  'mental-health': 'HEALTH',
};

export function isPartnerAgencyId(value: unknown): value is PartnerAgencyId {
  return isAgencyId(value) && value !== 'fjc';
}

export function isAgencyId(value: unknown): value is AgencyId {
  return typeof value === 'string' && (AGENCIES as readonly string[]).includes(value);
}

/** Port offset from `ONEROOF_SUBGRAPH_BASE_PORT`: fjc is the base port, mental-health base + 6. */
export function agencyPortOffset(agency: AgencyId): number {
  return AGENCIES.indexOf(agency);
}
