import type { AgencyId } from '../agencies';
import { forbiddenOperation } from '../errors';
import type { Category, Purpose, RequestContext, Role } from '../viewer';
import { auditsLogOf } from './auditReaders';
import { ceilingOf } from './ceilings';

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
  if (permission.agencies === 'FJC') return request.viewer.agency === 'fjc';
  if (permission.agencies === 'PARTNER') return request.viewer.agency !== 'fjc';
  return auditsLogOf(request, owner);
}

/** Whether the request may perform `name` on the records of `owner` (default the FJC). */
export function mayMutate(name: MutationName, request: RequestContext, owner: AgencyId = 'fjc'): boolean {
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
export function requireMutation(name: MutationName, request: RequestContext, owner: AgencyId = 'fjc'): void {
  if (mayMutate(name, request, owner)) return;
  const { category, purposes }: MutationPermission = MUTATION_PERMISSIONS[name];
  if (category === null) throw forbiddenOperation();
  const otherwise = purposes.filter((purpose) => mayMutate(name, { ...request, purpose }, owner));
  throw forbiddenOperation(otherwise.length > 0 ? { kind: 'PURPOSE', category, purposes: otherwise } : { kind: 'NONE', category });
}
