/** The FJC's own desk roles. */
export const FJC_DESK: readonly string[] = ['FRONT_DESK', 'CASE_MANAGER'];
/** The roles that work on clients' files (as opposed to auditing them or counting them). */
export const CLIENT_WORK: readonly string[] = [...FJC_DESK, 'AGENCY_STAFF'];
