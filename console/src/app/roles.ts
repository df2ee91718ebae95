import type { Purpose } from '../purpose/purposeStore';

/**
 * What the console offers each role: where a viewer starts and which purposes of use the purpose
 * bar lists. The API decides what each may do; this only keeps the console relevant.
 */

/** The FJC's own desk roles. */
export const FJC_DESK: readonly string[] = ['FRONT_DESK', 'CASE_MANAGER'];
/** The roles that work on clients' files (as opposed to auditing them or counting them). */
export const CLIENT_WORK: readonly string[] = [...FJC_DESK, 'AGENCY_STAFF'];

const CLIENT_PURPOSES: readonly Purpose[] = ['INTAKE', 'CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY'];

const worksOnClients = (roles: readonly string[]) => roles.some((role) => CLIENT_WORK.includes(role));
/** A coordinator and nothing that works on clients: the figures are all the console has for them. */
const onlyCounts = (roles: readonly string[]) => roles.includes('COORDINATOR') && !worksOnClients(roles);

/** Where a viewer starts: the review queue for auditors, the figures for coordinators, finding a client for everyone else. */
export function homeOf(roles: readonly string[]): string {
  if (roles.includes('AUDITOR')) return '/review';
  return onlyCounts(roles) ? '/statistics' : '/find';
}

/**
 * The purposes a viewer may choose: auditors audit; coordinators count (STATISTICS, after the
 * client purposes when they also work on clients); everyone else works on clients.
 */
export function purposesFor(roles: readonly string[]): Purpose[] {
  if (roles.includes('AUDITOR')) return ['AUDIT'];
  if (onlyCounts(roles)) return ['STATISTICS'];
  return roles.includes('COORDINATOR') ? [...CLIENT_PURPOSES, 'STATISTICS'] : [...CLIENT_PURPOSES];
}
