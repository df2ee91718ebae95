import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { buildI18n, type I18n, type Locale } from './catalog';

export { CATALOGUES, LOCALES, type I18n, type Locale } from './catalog';

const I18nContext = createContext<I18n>(buildI18n('nl', () => undefined));

/** Holds the chosen language for the session (in memory, like everything else the console keeps). */
export function I18nProvider({ children, initial = 'nl' }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocale] = useState<Locale>(initial);
  const value = useMemo(() => {
    document.documentElement.lang = locale;
    return buildI18n(locale, setLocale);
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
