import { useEffect, useState } from 'react';
import { SessionExpiredDialog } from '../auth/SessionExpiredDialog';
import { SignInPage } from '../auth/SignInPage';
import { useSession } from '../auth/session';
import type { ConsoleConfig } from '../config';
import { useI18n } from '../i18n/i18n';
import { EmergencyBanner } from '../purpose/EmergencyBanner';
import { PurposeBar } from '../purpose/PurposeBar';
import { Header } from './Header';
import { PAGES } from './pages';
import { homeOf } from './roles';
import { match, navigate, useLocation } from './router';

/** The console: sign-in until there is a session, then the header, the purpose bar and one page. */
export function App({ config }: { config: ConsoleConfig }) {
  const { session, expired } = useSession();
  const { path } = useLocation();
  const { t } = useI18n();
  const home = session ? homeOf(session.viewer.roles) : '/signin';
  // A link opened before signing in (a bookmarked client) is where the console goes after it.
  const [requested] = useState(() => (['/', '/signin', '/callback'].includes(location.pathname) ? null : location.pathname));

  useEffect(() => {
    if (session && (path === '/' || path === '/signin')) navigate(requested ?? home);
    if (!session && path !== '/signin') navigate('/signin');
  }, [session, path, home, requested]);

  if (!session) {
    return (
      <main id="main" className="signin">
        <SignInPage config={config} />
      </main>
    );
  }
  const page = PAGES.map((candidate) => ({ candidate, params: match(candidate.pattern, path) })).find((found) => found.params);
  return (
    <>
      <a className="skip" href="#main">
        {t('shell.skip')}
      </a>
      <Header viewer={session.viewer} config={config} />
      <PurposeBar viewer={session.viewer} />
      <EmergencyBanner />
      <main id="main">
        {page ? page.candidate.render(page.params!) : <h1 tabIndex={-1}>{t('shell.notFound')}</h1>}
      </main>
      {expired ? <SessionExpiredDialog config={config} viewer={session.viewer} /> : null}
    </>
  );
}
