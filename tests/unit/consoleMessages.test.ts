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
});
