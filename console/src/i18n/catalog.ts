import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';
import { nl } from './nl';

/** The console's languages: Dutch first (the default in Antwerp), then French and English. */
export const LOCALES = ['nl', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const CATALOGUES: Record<Locale, Messages> = { nl, fr, en };
/** BCP 47 tags for Intl: Belgian Dutch and French, British English (day before month). */
export const INTL_TAGS: Record<Locale, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing one stays visible rather than vanishing. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** What the console's code translates and formats with. */
export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  /** A calendar date (YYYY-MM-DD, read as such, not shifted by time zone). */
  date(iso: string | null | undefined): string;
  /** A moment (ISO 8601 date-time), in the browser's time zone. */
  dateTime(iso: string | null | undefined): string;
  number(value: number): string;
  /** The plural category of a count in this language (French says "0 client", English "0 clients"). */
  plural(value: number): Intl.LDMLPluralRule;
  /** A text in the three languages, as agencies' cards carry them. */
  pick(text: Partial<Record<Locale, string>> | undefined, fallback?: string): string;
}

/** The translation functions for one language (no React: the cards' and problems' helpers use it too). */
export function buildI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const tag = INTL_TAGS[locale];
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const moments = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = new Intl.NumberFormat(tag);
  const plurals = new Intl.PluralRules(tag);
  return {
    locale,
    setLocale,
    t: (key, params) => format(CATALOGUES[locale][key], params),
    date: (iso) => (iso ? dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—'),
    dateTime: (iso) => (iso ? moments.format(new Date(iso)) : '—'),
    number: (value) => numbers.format(value),
    plural: (value) => plurals.select(value),
    pick: (text, fallback = '') => text?.[locale] ?? text?.en ?? fallback,
  };
}

