import { FJC, REGISTRY } from '../agencies';
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
  // One member of staff per partner agency of the registry.
  ...REGISTRY.filter((entry) => entry.id !== FJC).map((entry) => ({ sub: `${entry.id}-staff-1`, name: `Staff, ${entry.names.en}`, agency: entry.id, roles: ['AGENCY_STAFF' as const] })),
];
