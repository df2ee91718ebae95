import type { DevTokenClaims } from './devIssuer';

/**
 * The staff members the console's development sign-in page offers (never in production): one per
 * role the FJC has, and one member of staff per partner agency. Their ids are the synthetic
 * world's (`<agency>-staff-<n>`), so a case manager here is case manager of seeded cases.
 */
export const DEV_IDENTITIES: readonly DevTokenClaims[] = [
  { sub: 'fjc-staff-1', name: 'Front desk (FJC)', agency: 'fjc', roles: ['FRONT_DESK'] },
  { sub: 'fjc-staff-2', name: 'Case manager 2 (FJC)', agency: 'fjc', roles: ['CASE_MANAGER'] },
  { sub: 'fjc-staff-3', name: 'Case manager 3 (FJC)', agency: 'fjc', roles: ['CASE_MANAGER'] },
  { sub: 'fjc-staff-4', name: 'Case manager 4 (FJC)', agency: 'fjc', roles: ['CASE_MANAGER'] },
  { sub: 'fjc-auditor-1', name: 'Auditor (FJC)', agency: 'fjc', roles: ['AUDITOR'] },
  { sub: 'fjc-coordinator-1', name: 'Coordinator (FJC)', agency: 'fjc', roles: ['COORDINATOR'] },
  { sub: 'police-staff-1', name: 'Police officer', agency: 'police', roles: ['AGENCY_STAFF'] },
  { sub: 'probation-staff-1', name: 'Probation officer', agency: 'probation', roles: ['AGENCY_STAFF'] },
  { sub: 'perpetrator-programs-staff-1', name: 'Programme worker', agency: 'perpetrator-programs', roles: ['AGENCY_STAFF'] },
  { sub: 'youth-care-staff-1', name: 'Youth care worker', agency: 'youth-care', roles: ['AGENCY_STAFF'] },
  { sub: 'housing-staff-1', name: 'Housing officer', agency: 'housing', roles: ['AGENCY_STAFF'] },
  { sub: 'mental-health-staff-1', name: 'Mental-health worker', agency: 'mental-health', roles: ['AGENCY_STAFF'] },
];
