import {
  OPENED_BY,
  PERPETRATOR_SIDE,
  PURPOSE_CEILING,
  PURPOSES,
  ROLE_CEILING,
  type Bases,
  type Category,
  type Purpose,
  type Role,
  type Viewer,
} from './protocol';

/**
 * What the protocol says one labelled field must be for one request: the suite's own reading of
 * the decision algorithm (docs/agency-protocol.md, Deciding a field), kept apart from OneRoof's
 * implementation on purpose (see protocol.ts).
 */
export type Expected =
  | { permit: true; basis: 'OWN_RECORD' | 'CONSENT' | 'CASE_CONFERENCE' | 'EMERGENCY' | 'JOINT_CLIENT' }
  | { permit: false; code: 'FORBIDDEN' | 'PROTECTED' | 'CONSENT_REQUIRED'; reason: 'ABOVE_CEILING' | 'PROTECTED_CONTACT' | 'NO_BASIS' | 'NO_VALID_ASSERTION' };

export interface Question {
  viewer: Viewer;
  purpose: Purpose;
  /** The agency that holds the field. */
  owner: string;
  category: Category;
  /** The bases of a valid assertion; `null` when the request carries none that is valid. */
  bases: Bases | null;
}

export function ceiling(roles: readonly Role[], purpose: Purpose): Set<Category> {
  const byRoles = new Set(roles.flatMap((role) => ROLE_CEILING[role]));
  return new Set(PURPOSE_CEILING[purpose].filter((category) => byRoles.has(category)));
}

/** The ceiling, then rules 1 to 7, first match wins. */
export function expectedDecision({ viewer, purpose, owner, category, bases }: Question): Expected {
  if (!ceiling(viewer.roles, purpose).has(category)) return { permit: false, code: 'FORBIDDEN', reason: 'ABOVE_CEILING' };
  if (viewer.agency === owner) return { permit: true, basis: 'OWN_RECORD' };
  if (bases === null) return { permit: false, code: 'CONSENT_REQUIRED', reason: 'NO_VALID_ASSERTION' };
  if (category === 'CONTACT' && bases.protectedContact && (PERPETRATOR_SIDE as readonly string[]).includes(viewer.agency)) {
    return { permit: false, code: 'PROTECTED', reason: 'PROTECTED_CONTACT' };
  }
  if (bases.consent.includes(category)) return { permit: true, basis: 'CONSENT' };
  if (purpose === 'SECURITY_CONFERENCE' && bases.conference !== null && OPENED_BY.conference.includes(category)) {
    return { permit: true, basis: 'CASE_CONFERENCE' };
  }
  if (purpose === 'EMERGENCY' && bases.emergency && OPENED_BY.emergency.includes(category)) return { permit: true, basis: 'EMERGENCY' };
  if (OPENED_BY.jointClientPurposes.includes(purpose) && bases.jointClient && OPENED_BY.jointClient.includes(category)) {
    return { permit: true, basis: 'JOINT_CLIENT' };
  }
  return { permit: false, code: 'CONSENT_REQUIRED', reason: 'NO_BASIS' };
}

/** `extensions.remedy` of a withheld field (CONTRACTS.md C1, docs/agency-protocol.md AP-ERR-2). */
export function expectedRemedy(code: 'FORBIDDEN' | 'PROTECTED' | 'CONSENT_REQUIRED', viewer: Viewer, purpose: Purpose, category: Category): Record<string, unknown> {
  if (code === 'PROTECTED') return { kind: 'NONE', category };
  if (code === 'FORBIDDEN') {
    const purposes = PURPOSES.filter((p) => p !== purpose && ceiling(viewer.roles, p).has(category));
    return purposes.length > 0 ? { kind: 'PURPOSE', category, purposes } : { kind: 'NONE', category };
  }
  const consent = { kind: 'CONSENT', category, grantee: viewer.agency, purpose };
  return OPENED_BY.conference.includes(category) ? { ...consent, alternatives: [{ kind: 'SECURITY_CONFERENCE', category }] } : consent;
}
