import type { ApiError } from '../api/graphql';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { explain } from './withheld';

/** In place of a withheld field: why, and the next step (with a link to record a consent when that is it). */
export function WithheldNote({ error, clientId }: { error: ApiError; clientId: string }) {
  const i18n = useI18n();
  const { reason, next, consent } = explain(i18n, error);
  const query = consent ? new URLSearchParams({ category: consent.category, grantee: consent.grantee, purpose: consent.purpose }) : null;
  return (
    <p className={`withheld code-${error.extensions?.code ?? 'OTHER'}`} data-testid="withheld">
      <span className="badge">{i18n.t('withheld.badge')}</span> {reason}
      {next ? <> {next}</> : null}
      {query ? (
        <>
          {' '}
          <Link to={`/clients/${encodeURIComponent(clientId)}/consents?${query.toString()}`}>{i18n.t('withheld.recordConsent')}</Link>
        </>
      ) : null}
    </p>
  );
}
