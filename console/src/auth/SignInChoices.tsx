import { useEffect, useState } from 'react';
import type { ConsoleConfig } from '../config';
import { useI18n } from '../i18n/i18n';
import { agencyName, roleName } from '../i18n/names';
import { devIdentities, devSignIn } from './devSignIn';
import { oidcSignIn } from './oidc';
import type { Viewer } from './session';

/**
 * The ways to sign in that this gateway offers: the development identities, or the organisation's
 * identity provider (OpenID Connect). Used by the sign-in page and by the "sign in again" dialog.
 * @param only - in the dialog, the identity that was signed in (development), offered first.
 */
export function SignInChoices({ config, only }: { config: ConsoleConfig; only?: Viewer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [identities, setIdentities] = useState<Viewer[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (config.signIn === 'development') void devIdentities().then(setIdentities);
  }, [config.signIn]);

  const attempt = (work: () => Promise<void>) => {
    setProblem(null);
    work().catch((error: unknown) => setProblem(error instanceof Error && error.message === 'popup-blocked' ? t('signIn.popupBlocked') : t('signIn.failed')));
  };

  if (config.signIn === 'none') return <p role="alert">{t('signIn.notConfigured')}</p>;
  return (
    <div className="signin-choices">
      {config.signIn === 'oidc' ? (
        <button type="button" className="primary" onClick={() => attempt(() => oidcSignIn(config))}>
          {t('signIn.withProvider')}
        </button>
      ) : (
        <>
          <p>{t('signIn.developmentExplained')}</p>
          <ul className="identities">
            {identities
              .filter((identity) => !only || identity.sub === only.sub)
              .map((identity) => (
                <li key={identity.sub}>
                  <button type="button" onClick={() => attempt(() => devSignIn(identity.sub))} data-sub={identity.sub}>
                    <strong>{identity.name}</strong>
                    <span>
                      {agencyName(i18n, identity.agency)} · {identity.roles.map((role) => roleName(i18n, role)).join(', ')}
                    </span>
                  </button>
                </li>
              ))}
          </ul>
        </>
      )}
      {problem ? <p role="alert" className="error">{problem}</p> : null}
    </div>
  );
}
