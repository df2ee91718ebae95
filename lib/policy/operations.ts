import { FJC, type AgencyId } from '../agencies';
import { forbiddenOperation } from '../errors';
import type { Category, Purpose, RequestContext, Role } from '../viewer';
import { auditsLogOf } from './auditReaders';
import { ceilingOf } from './ceilings';
import { ceilingRemedy } from './remedy';

/**
 * Operation permissions, reads and writes (docs/authorization.md, Mutations and the FJC's own
 * records): who may perform an operation at all, before any input is read. Every refusal is the
 * same FORBIDDEN, so a refused caller learns nothing. Field-level decisions are `decide()`'s.
 */

/**
 * Who may write what, and for which purpose (docs/authorization.md, Mutations): the same ceilings
 * as reads. A write of category C needs a role, an agency and a purpose listed here, and C within
 * the ceiling of the viewer's roles and purpose: consents and registrations under INTAKE or
 * CASE_MANAGEMENT, cases, case plans and conferences under CASE_MANAGEMENT or SECURITY_CONFERENCE,
 * reviews of break-the-glass records under AUDIT only, nothing under STATISTICS or EMERGENCY.
 */
export interface MutationPermission {
  /**
   * Whose staff: `FJC` (the FJC's own work), `PARTNER` (an agency registering its own link), or
   * `LOG_AUDITOR` (the auditor of the agency whose log it is, or the FJC's: auditsLogOf).
   */
  agencies: 'FJC' | 'PARTNER' | 'LOG_AUDITOR';
  roles: readonly Role[];
  purposes: readonly Purpose[];
  /** The category of person data the write holds; null for audit records, which are no person data of a category. */
  category: Category | null;
}

const FJC_DESK = { agencies: 'FJC', roles: ['FRONT_DESK', 'CASE_MANAGER'], purposes: ['INTAKE', 'CASE_MANAGEMENT'] } as const;
const CASE_WORK = { agencies: 'FJC', roles: ['CASE_MANAGER'], purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'] } as const;

export const MUTATION_PERMISSIONS = {
  /** The registry entry itself; contact details the client gives at the desk go with it (docs/authorization.md). */
  registerClient: { ...FJC_DESK, category: 'IDENTITY' },
  registerAgencyLink: { agencies: 'PARTNER', roles: ['AGENCY_STAFF', 'CASE_MANAGER'], purposes: ['INTAKE', 'CASE_MANAGEMENT'], category: 'INVOLVEMENT' },
  recordConsent: { ...FJC_DESK, category: 'INVOLVEMENT' },
  revokeConsent: { ...FJC_DESK, category: 'INVOLVEMENT' },
  conveneSecurityConference: { ...CASE_WORK, category: 'INVOLVEMENT' },
  closeSecurityConference: { ...CASE_WORK, category: 'INVOLVEMENT' },
  openCase: { ...CASE_WORK, category: 'INVOLVEMENT' },
  closeCase: { ...CASE_WORK, category: 'INVOLVEMENT' },
  addCaseMember: { ...CASE_WORK, category: 'INVOLVEMENT' },
  removeCaseMember: { ...CASE_WORK, category: 'INVOLVEMENT' },
  assignCaseManager: { ...CASE_WORK, category: 'INVOLVEMENT' },
  addPlanItem: { ...CASE_WORK, category: 'SAFETY' },
  updatePlanItemStatus: { ...CASE_WORK, category: 'SAFETY' },
  addMonitoringNote: { ...CASE_WORK, category: 'SAFETY' },
  recordCaseAction: { ...CASE_WORK, category: 'SAFETY' },
  /** Every agency's `review<Agency>Disclosure`. */
  reviewDisclosure: { agencies: 'LOG_AUDITOR', roles: ['AUDITOR'], purposes: ['AUDIT'], category: null },
} as const satisfies Record<string, MutationPermission>;

export type MutationName = keyof typeof MUTATION_PERMISSIONS;

function agencyFits(permission: MutationPermission, request: RequestContext, owner: AgencyId): boolean {
  if (permission.agencies === 'FJC') return request.viewer.agency === FJC;
  if (permission.agencies === 'PARTNER') return request.viewer.agency !== FJC;
  return auditsLogOf(request, owner);
}

/** Whether the request may perform `name` on the records of `owner` (default the FJC). */
export function mayMutate(name: MutationName, request: RequestContext, owner: AgencyId = FJC): boolean {
  const permission: MutationPermission = MUTATION_PERMISSIONS[name];
  return (
    request.viewer.roles.some((role) => permission.roles.includes(role)) &&
    agencyFits(permission, request, owner) &&
    permission.purposes.includes(request.purpose) &&
    (permission.category === null || ceilingOf(request.viewer.roles, request.purpose).has(permission.category))
  );
}

/**
 * @throws FORBIDDEN, before any input is read and so before anything is written, unless the
 * request may perform `name` (`mayMutate`). Where only the purpose is wrong, the error's remedy
 * names the purposes that would do.
 */
export function requireMutation(name: MutationName, request: RequestContext, owner: AgencyId = FJC): void {
  if (mayMutate(name, request, owner)) return;
  const { category, purposes }: MutationPermission = MUTATION_PERMISSIONS[name];
  if (category === null) throw forbiddenOperation();
  const otherwise = purposes.filter((purpose) => mayMutate(name, { ...request, purpose }, owner));
  throw forbiddenOperation(otherwise.length > 0 ? { kind: 'PURPOSE', category, purposes: otherwise } : { kind: 'NONE', category });
}

/** FJC roles that read the FJC's case records (coordinators and auditors see no persons). */
const FJC_READERS: readonly Role[] = ['FRONT_DESK', 'CASE_MANAGER', 'AGENCY_STAFF'];

function withinCeiling(request: RequestContext, category: Category): boolean {
  return ceilingOf(request.viewer.roles, request.purpose).has(category);
}

/** Whether the viewer is FJC staff who may read the FJC's records of `category` for this purpose. */
export function isFjcReader(request: RequestContext, category: Category): boolean {
  return request.viewer.agency === FJC && request.viewer.roles.some((role) => FJC_READERS.includes(role)) && withinCeiling(request, category);
}

/**
 * @throws FORBIDDEN unless the viewer is FJC staff whose roles and purpose reach `category`; the
 * gateway removes such fields before planning, and the FJC's subgraph checks again on its own.
 */
export function requireFjcReader(request: RequestContext, category: Category): void {
  if (isFjcReader(request, category)) return;
  throw forbiddenOperation(request.viewer.agency === FJC ? ceilingRemedy(request.viewer, request.purpose, category) : { kind: 'NONE', category });
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
