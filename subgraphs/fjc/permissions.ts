import { forbiddenOperation } from '../../lib/errors';
import { ceilingOf } from '../../lib/policy/ceilings';
import { ceilingRemedy } from '../../lib/policy/remedy';
import type { Category, RequestContext, Role } from '../../lib/viewer';

/**
 * Who may read what of the FJC's own records. Who may write is the policy package's one table of
 * mutation permissions (lib/policy/mutations.ts). Every refusal is the same FORBIDDEN, thrown before
 * any input is read, so a refused caller learns nothing.
 */

/** FJC roles that read the FJC's case records (coordinators and auditors see no persons). */
const FJC_READERS: readonly Role[] = ['FRONT_DESK', 'CASE_MANAGER', 'AGENCY_STAFF'];

function hasFjcRole(request: RequestContext, roles: readonly Role[]): boolean {
  return request.viewer.agency === 'fjc' && request.viewer.roles.some((role) => roles.includes(role));
}

function withinCeiling(request: RequestContext, category: Category): boolean {
  return ceilingOf(request.viewer.roles, request.purpose).has(category);
}

/** Whether the viewer is FJC staff who may read the FJC's records of `category` for this purpose. */
export function isFjcReader(request: RequestContext, category: Category): boolean {
  return hasFjcRole(request, FJC_READERS) && withinCeiling(request, category);
}

/**
 * @throws FORBIDDEN unless the viewer is FJC staff whose roles and purpose reach `category`; the
 * gateway removes such fields before planning, and this subgraph checks again on its own.
 */
export function requireFjcReader(request: RequestContext, category: Category): void {
  if (isFjcReader(request, category)) return;
  throw forbiddenOperation(request.viewer.agency === 'fjc' ? ceilingRemedy(request.viewer, request.purpose, category) : { kind: 'NONE', category });
}

/**
 * Whether the viewer may read a conference: FJC staff, or a registered participant (same staff id
 * and agency as in the verified token), in both cases within the ceiling of `category`.
 */
export function mayReadConference(
  request: RequestContext,
  participants: readonly { staffId: string; agency: string }[],
  category: Category = 'INVOLVEMENT',
): boolean {
  if (isFjcReader(request, category)) return true;
  const { sub, agency } = request.viewer;
  return withinCeiling(request, category) && participants.some((p) => p.staffId === sub && p.agency === agency);
}

/**
 * @throws FORBIDDEN when the viewer's roles and purpose reach no category of persons at all
 * (coordinators, auditors, STATISTICS, AUDIT): they may not even learn whether a client exists.
 */
export function requirePersonLookup(request: RequestContext): void {
  if (ceilingOf(request.viewer.roles, request.purpose).size === 0) throw forbiddenOperation();
}
