import { signOutEverywhere } from '../auth/signOut';
import type { Viewer } from '../auth/session';
import type { ConsoleConfig } from '../config';
import { LanguageChoice } from '../components/LanguageChoice';
import { useI18n } from '../i18n/i18n';
import { agencyName, roleName } from '../i18n/names';
import { PAGES } from './pages';
import { Link } from './router';

/** The console's header: name, navigation for the viewer's roles, language, who is signed in, sign-out. */
export function Header({ viewer, config }: { viewer: Viewer; config: ConsoleConfig }) {
  const i18n = useI18n();
  const { t } = i18n;
  const links = PAGES.filter((page) => page.nav && page.nav.roles.some((role) => viewer.roles.includes(role)));
  return (
    <header className="top">
      <span className="brand">OneRoof</span>
      <nav aria-label={t('shell.navigation')}>
        <ul>
          {links.map((page) => (
            <li key={page.nav!.path}>
              <Link to={page.nav!.path}>{t(page.nav!.label)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        <LanguageChoice />
        <span data-testid="viewer">
          {viewer.name} · {agencyName(i18n, viewer.agency)} · {viewer.roles.map((role) => roleName(i18n, role)).join(', ')}
        </span>
        <button type="button" onClick={() => signOutEverywhere(config)}>
          {t('shell.signOut')}
        </button>
      </div>
    </header>
  );
}
