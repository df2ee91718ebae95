import type { AgencyId } from '../agencies';
import { PURPOSES, type Category, type Purpose, type Viewer } from '../viewer';
import { ceilingOf } from './ceilings';
import { CONFERENCE_CATEGORIES, type DenyCode } from './decide';

/**
 * What would release a withheld field, machine-readable, so a console can offer the next step
 * (`extensions.remedy` of every withheld-field error; docs/interface.md, Remedies):
 * - `CONSENT`: the client's consent for `category` to the viewer's agency for this purpose; with a
 *   security conference as the alternative where a conference opens the category (rule 4);
 * - `SECURITY_CONFERENCE`: a security conference the viewer takes part in;
 * - `PURPOSE`: another purpose of use, whose ceiling with the viewer's roles reaches the category;
 * - `NONE`: nothing can release it to this viewer (an absolute rule, or above every ceiling of the
 *   viewer's roles).
 */
export type Remedy =
  | { kind: 'CONSENT'; category: Category; grantee: AgencyId; purpose: Purpose; alternatives?: { kind: 'SECURITY_CONFERENCE'; category: Category }[] }
  | { kind: 'SECURITY_CONFERENCE'; category: Category }
  | { kind: 'PURPOSE'; category: Category; purposes: Purpose[] }
  | { kind: 'NONE'; category: Category };

/** The purposes whose ceiling, with these roles, reaches `category`, in the order of PURPOSES. */
export function purposesReaching(roles: readonly Viewer['roles'][number][], category: Category): Purpose[] {
  return PURPOSES.filter((purpose) => ceilingOf(roles, purpose).has(category));
}

/** The remedy of a refusal above the ceiling (FORBIDDEN): another purpose, or none. */
export function ceilingRemedy(viewer: Pick<Viewer, 'roles'>, purpose: Purpose, category: Category): Remedy {
  const purposes = purposesReaching(viewer.roles, category).filter((p) => p !== purpose);
  return purposes.length > 0 ? { kind: 'PURPOSE', category, purposes } : { kind: 'NONE', category };
}

/** The remedy of one withheld field, from the refusal's code (see `Remedy`). */
export function remedyFor(code: DenyCode, viewer: Pick<Viewer, 'agency' | 'roles'>, purpose: Purpose, category: Category): Remedy {
  if (code === 'PROTECTED') return { kind: 'NONE', category };
  if (code === 'FORBIDDEN') return ceilingRemedy(viewer, purpose, category);
  const consent: Remedy = { kind: 'CONSENT', category, grantee: viewer.agency, purpose };
  return CONFERENCE_CATEGORIES.includes(category) ? { ...consent, alternatives: [{ kind: 'SECURITY_CONFERENCE', category }] } : consent;
}
