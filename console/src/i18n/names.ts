import type { MessageKey } from './en';
import { agencyOf } from '../agencies';
import { CATALOGUES, type I18n } from './catalog';

/** A translated name for a value of the API (an agency id, a role, an enum value), or the value itself. */
export function named(i18n: I18n, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `${prefix}.${value}`;
  return key in CATALOGUES[i18n.locale] ? i18n.t(key as MessageKey) : value;
}

/** An agency's name in the reader's language, from the registry; an id it does not list, as it is. */
export const agencyName = (i18n: I18n, agency: string | null | undefined) => {
  const entry = agencyOf(agency);
  return entry ? entry.names[i18n.locale] : named(i18n, 'agency', agency);
};
export const roleName = (i18n: I18n, role: string) => named(i18n, 'role', role);
export const purposeName = (i18n: I18n, purpose: string) => named(i18n, 'purpose', purpose);
export const categoryName = (i18n: I18n, category: string) => named(i18n, 'category', category);
