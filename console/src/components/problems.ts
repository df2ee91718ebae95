import type { ApiError } from '../api/graphql';
import type { MessageKey } from '../i18n/en';
import { CATALOGUES, type I18n } from '../i18n/catalog';
import { agencyName } from '../i18n/names';

/** A request-level error in plain language, by its code; the server's own message when the code is unknown. */
export function problemText(i18n: I18n, error: ApiError): string {
  const code = error.extensions?.code ?? 'UNKNOWN';
  const key = `problem.${code}`;
  if (key in CATALOGUES[i18n.locale]) {
    return i18n.t(key as MessageKey, { agency: agencyName(i18n, error.extensions?.agency), field: error.extensions?.field ?? '' });
  }
  return i18n.t('problem.other', { message: error.message });
}
