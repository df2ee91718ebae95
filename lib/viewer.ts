import type { AgencyId } from './agencies';
import type { RequestScope } from './http/requestScope';

export const ROLES = ['FRONT_DESK', 'CASE_MANAGER', 'AGENCY_STAFF', 'COORDINATOR', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = [
  'INTAKE',
  'CASE_MANAGEMENT',
  'SECURITY_CONFERENCE',
  'EMERGENCY',
  'STATISTICS',
  'AUDIT',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export { CATEGORIES, type Category } from './categories';

/** A verified staff member: built only from a token whose signature was checked. */
export interface Viewer {
  sub: string;
  name: string;
  agency: AgencyId;
  roles: Role[];
}

/** Who asks and why, for one request; the same shape in the gateway and in every subgraph. */
export interface RequestContext {
  viewer: Viewer;
  purpose: Purpose;
  conferenceId?: string;
  emergencyReason?: string;
  requestId: string;
  /** The caller's bearer token, forwarded by the gateway to subgraphs. */
  token: string;
  /** The request's deadline and end, when it came over HTTP: work stops once nobody will receive the answer. */
  scope?: RequestScope;
  /** In a subgraph: the gateway's id of this call (`x-oneroof-fetch-id`), named again if its answer is not delivered. */
  fetchId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
