import { LOCALES, useI18n, type Locale } from '../i18n/i18n';

const LANGUAGE_NAMES: Record<Locale, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

/** The language switch: the console's every label follows it at once. */
export function LanguageChoice() {
  const i18n = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{i18n.t('shell.language')}</span>
      <select value={i18n.locale} onChange={(event) => i18n.setLocale(event.target.value as Locale)} data-testid="language">
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
