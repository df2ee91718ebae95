import type { ConsoleConfig } from '../config';
import { LanguageChoice } from '../components/LanguageChoice';
import { useI18n } from '../i18n/i18n';
import { SignInChoices } from './SignInChoices';

/** The first page: what OneRoof is, in one line, and how to sign in. */
export function SignInPage({ config }: { config: ConsoleConfig }) {
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <LanguageChoice />
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <SignInChoices config={config} />
    </section>
  );
}
