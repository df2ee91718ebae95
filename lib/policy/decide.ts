import { isPerpetratorSide, type AgencyId } from '../agencies';
import type { Category, Purpose, Viewer } from '../viewer';
import { ceilingOf } from './ceilings';

/** Why a field may be shown. */
export type Basis = 'OWN_RECORD' | 'CONSENT' | 'CASE_CONFERENCE' | 'EMERGENCY' | 'JOINT_CLIENT';
/** Why a field is withheld: its `extensions.code` (docs/interface.md, Error codes). */
export type DenyCode = 'FORBIDDEN' | 'PROTECTED' | 'CONSENT_REQUIRED';

export type Decision = { permit: true; basis: Basis } | { permit: false; code: DenyCode; reason: string };

/**
 * The legal bases that hold for one viewer, purpose and client, as the FJC knows them (consent
 * registry, conferences, cases, reference directory). Agencies receive them inside a signed
 * consent assertion; `null` means no valid assertion, so only rule 1 can permit.
 */
export interface ClientBases {
  /** Categories covered by an active consent of the client to the viewer's agency, for this purpose. */
  consent: readonly Category[];
  /** The open conference named in X-Conference-Id, when the viewer takes part and the client is in its case. */
  conference: string | null;
  /** Purpose EMERGENCY with a reason (art. 458bis). */
  emergency: boolean;
  /** The viewer's agency has its own link to the client (reference directory). */
  jointClient: boolean;
  /** The client is a victim or a child in any FJC case: their contact data is protected. */
  protectedContact: boolean;
}

export interface DecisionInput {
  viewer: Viewer;
  purpose: Purpose;
  /** The agency that owns the record. */
  owner: AgencyId;
  category: Category;
  bases: ClientBases | null;
}

/** Categories a security conference opens (rule 4); CONTACT and HEALTH need consent. */
export const CONFERENCE_CATEGORIES: readonly Category[] = ['INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING'];
/** Categories an emergency opens (rule 5). */
export const EMERGENCY_CATEGORIES: readonly Category[] = ['IDENTITY', 'INVOLVEMENT', 'SAFETY'];
/** Categories a joint client shares (rule 6). */
export const JOINT_CLIENT_CATEGORIES: readonly Category[] = ['IDENTITY', 'INVOLVEMENT'];
/**
 * Purposes a joint client shares them for (rule 6): case management, and intake, where seeing
 * which agencies know a client is the point of the FJC's front desk.
 */
export const JOINT_CLIENT_PURPOSES: readonly Purpose[] = ['INTAKE', 'CASE_MANAGEMENT'];

const deny = (code: DenyCode, reason: string): Decision => ({ permit: false, code, reason });
const permit = (basis: Basis): Decision => ({ permit: true, basis });

/**
 * Decides one category of one client's record for one viewer: the ceilings, then rules 1-7 of
 * docs/authorization.md, first match wins. Pure: the same inputs give the same decision in every process.
 */
export function decide({ viewer, purpose, owner, category, bases }: DecisionInput): Decision {
  if (!ceilingOf(viewer.roles, purpose).has(category)) return deny('FORBIDDEN', 'ABOVE_CEILING');
  if (viewer.agency === owner) return permit('OWN_RECORD');
  if (bases === null) return deny('CONSENT_REQUIRED', 'NO_VALID_ASSERTION');
  if (category === 'CONTACT' && bases.protectedContact && isPerpetratorSide(viewer.agency)) {
    return deny('PROTECTED', 'PROTECTED_CONTACT');
  }
  if (bases.consent.includes(category)) return permit('CONSENT');
  if (purpose === 'SECURITY_CONFERENCE' && bases.conference !== null && CONFERENCE_CATEGORIES.includes(category)) {
    return permit('CASE_CONFERENCE');
  }
  if (purpose === 'EMERGENCY' && bases.emergency && EMERGENCY_CATEGORIES.includes(category)) return permit('EMERGENCY');
  if (JOINT_CLIENT_PURPOSES.includes(purpose) && bases.jointClient && JOINT_CLIENT_CATEGORIES.includes(category)) {
    return permit('JOINT_CLIENT');
  }
  return deny('CONSENT_REQUIRED', 'NO_BASIS');
}
