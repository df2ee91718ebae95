import type { I18n } from './catalog';

/** "1 cliënt gevonden", "0 client trouvé", "The first 50 of 120 clients found": in the language's own plural rule. */
export function foundClients(i18n: I18n, total: number, shown: number, truncated: boolean): string {
  if (truncated) return i18n.t('find.countTruncated', { shown: i18n.number(shown), total: i18n.number(total) });
  return i18n.t(i18n.plural(total) === 'one' ? 'find.countOne' : 'find.count', { total: i18n.number(total) });
}
