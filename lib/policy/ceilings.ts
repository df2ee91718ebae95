import { CATEGORIES, type Category, type Purpose, type Role } from '../viewer';

const ALL = CATEGORIES;
const NONE: readonly Category[] = [];

/** The categories of person data a role may ever see (docs/authorization.md, Ceilings). */
export const ROLE_CEILINGS: Readonly<Record<Role, readonly Category[]>> = {
  FRONT_DESK: ['IDENTITY', 'INVOLVEMENT'],
  CASE_MANAGER: ALL,
  AGENCY_STAFF: ALL,
  COORDINATOR: NONE,
  AUDITOR: NONE,
};

/** The categories of person data a purpose of use may ever reach. */
export const PURPOSE_CEILINGS: Readonly<Record<Purpose, readonly Category[]>> = {
  INTAKE: ['IDENTITY', 'INVOLVEMENT'],
  CASE_MANAGEMENT: ALL,
  SECURITY_CONFERENCE: ALL,
  EMERGENCY: ['IDENTITY', 'INVOLVEMENT', 'SAFETY'],
  STATISTICS: NONE,
  AUDIT: NONE,
};

const ceilings = new Map<string, ReadonlySet<Category>>();
/** By the very roles array of a verified viewer, which every field of a request asks about. */
const byRolesArray = new WeakMap<readonly Role[], Map<Purpose, ReadonlySet<Category>>>();

/**
 * The ceiling of a viewer for one request: the union of the ceilings of the viewer's roles,
 * intersected with the purpose's. Asked for every field a subgraph decides, so each combination
 * of roles and purpose is worked out once and shared (a handful of roles and six purposes).
 */
export function ceilingOf(roles: readonly Role[], purpose: Purpose): ReadonlySet<Category> {
  let byPurpose = byRolesArray.get(roles);
  const known = byPurpose?.get(purpose);
  if (known) return known;
  const key = `${purpose}:${roles.join(',')}`;
  let ceiling = ceilings.get(key);
  if (!ceiling) {
    const byRoles = new Set(roles.flatMap((role) => ROLE_CEILINGS[role]));
    ceiling = new Set(PURPOSE_CEILINGS[purpose].filter((category) => byRoles.has(category)));
    if (ceilings.size < 256) ceilings.set(key, ceiling); // bounded whatever role lists tokens carry
  }
  if (!byPurpose) byRolesArray.set(roles, (byPurpose = new Map()));
  byPurpose.set(purpose, ceiling);
  return ceiling;
}
