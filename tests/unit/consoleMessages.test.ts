import { buildI18n } from '../../console/src/i18n/catalog';
import { foundClients } from '../../console/src/i18n/counts';
import { en } from '../../console/src/i18n/en';
import { fr } from '../../console/src/i18n/fr';
import { nl } from '../../console/src/i18n/nl';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the console's messages", () => {
  const catalogues = { nl, fr, en } as Record<string, Record<string, string>>;
  const keys = Object.keys(en).sort();

  it.each(['nl', 'fr'])('has every English key in %s, and no other', (locale) => {
    expect(Object.keys(catalogues[locale]!).sort()).toEqual(keys);
  });

  it.each(['nl', 'fr', 'en'])('has a text for every key in %s', (locale) => {
    expect(Object.entries(catalogues[locale]!).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(['nl', 'fr'])('uses the same placeholders in %s as in English', (locale) => {
    const differ = keys.filter((key) => placeholders(catalogues[locale]![key]!).join() !== placeholders(en[key as keyof typeof en]).join());
    expect(differ).toEqual([]);
  });

  it("counts in each language's own plural rule: one client is singular, and French says 0 client", () => {
    const count = (locale: 'nl' | 'fr' | 'en', total: number) => foundClients(buildI18n(locale, () => undefined), total, total, false);
    expect([count('nl', 1), count('nl', 0), count('nl', 2)]).toEqual(['1 cliënt gevonden', '0 cliënten gevonden', '2 cliënten gevonden']);
    expect([count('fr', 0), count('fr', 1), count('fr', 2)]).toEqual(['0 client trouvé', '1 client trouvé', '2 clients trouvés']);
    expect([count('en', 0), count('en', 1)]).toEqual(['0 clients found', '1 client found']);
    expect(foundClients(buildI18n('en', () => undefined), 1200, 50, true)).toBe('The first 50 of 1,200 clients found');
  });
});
