import { useCallback, useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Link, useLocation } from '../app/router';
import { ProblemList } from '../components/ProblemList';
import { ClientConsentsDocument, ConsentFhirDocument, type ClientConsentsQuery } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, categoryName, named, purposeName } from '../i18n/names';
import { RecordConsentForm } from './RecordConsentForm';
import { RevokeConsentForm } from './RevokeConsentForm';

type Consent = NonNullable<NonNullable<ClientConsentsQuery['client']>['consents']>[number];

/** Downloads one consent as its FHIR R4 Consent resource (JSON), built by the FJC. */
async function downloadFhir(clientId: string, consentId: string): Promise<void> {
  const { data } = await request(ConsentFhirDocument, { clientId });
  const fhir = data?.client?.consents?.find((consent) => consent.id === consentId)?.fhir;
  if (!fhir) return;
  const url = URL.createObjectURL(new Blob([fhir], { type: 'application/fhir+json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `${consentId}.fhir.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A client's consents, with their full history; record a new one, renew or revoke one, download one as FHIR. */
export function ConsentsPage({ clientId }: { clientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { query } = useLocation();
  const [client, setClient] = useState<ClientConsentsQuery['client'] | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [renewing, setRenewing] = useState<Consent | null>(null);

  const load = useCallback(async () => {
    const answer = await request(ClientConsentsDocument, { clientId });
    setClient(answer.data?.client ?? null);
    setErrors(answer.errors);
  }, [clientId]);
  useEffect(() => void load(), [load]);

  const row = (consent: Consent) => (
    <tr key={consent.id} data-consent={consent.id} data-status={consent.status}>
      <td>{consent.id}{consent.renews ? <span className="muted"> ({t('consent.renews', { id: consent.renews.id })})</span> : null}</td>
      <td>{agencyName(i18n, consent.granteeAgency)}</td>
      <td>{consent.categories.map((c) => categoryName(i18n, c)).join(', ')}</td>
      <td>{consent.purposes.map((p) => purposeName(i18n, p)).join(', ')}</td>
      <td>{i18n.date(consent.validFrom)} – {i18n.date(consent.validUntil)}</td>
      <td>{consent.evidenceReference}</td>
      <td>
        <span className={`status status-${consent.status}`}>{named(i18n, 'consentStatus', consent.status)}</span>
        <div className="muted">{t('consent.recorded', { by: consent.recordedBy, at: i18n.dateTime(consent.recordedAt) })}</div>
        {consent.revokedAt ? (
          <div className="muted">{t('consent.revoked', { by: consent.revokedBy ?? '', at: i18n.dateTime(consent.revokedAt), reason: consent.revocationReason ?? '' })}</div>
        ) : null}
      </td>
      <td className="row-actions">
        <button type="button" onClick={() => void downloadFhir(clientId, consent.id)}>{t('consent.downloadFhir')}</button>
        {consent.status === 'ACTIVE' || consent.status === 'EXPIRED' ? (
          <button type="button" onClick={() => setRenewing(consent)}>{t('consent.renew')}</button>
        ) : null}
        {consent.status === 'ACTIVE' || consent.status === 'PENDING' ? (
          <button type="button" onClick={() => setRevoking(consent.id)} aria-expanded={revoking === consent.id}>{t('consent.revoke')}</button>
        ) : null}
        {revoking === consent.id ? (
          <RevokeConsentForm consentId={consent.id} onDone={() => (setRevoking(null), void load())} onCancel={() => setRevoking(null)} />
        ) : null}
      </td>
    </tr>
  );

  return (
    <>
      <h1 tabIndex={-1}>{t('consent.title', { name: client?.displayName ?? clientId })}</h1>
      <p><Link to={`/clients/${encodeURIComponent(clientId)}`}>{t('consent.back')}</Link></p>
      <ProblemList errors={errors} />
      <section className="card" aria-labelledby="consents-title">
        <h2 id="consents-title">{t('consent.history')}</h2>
        {(client?.consents ?? []).length === 0 ? (
          <p className="muted">{t('consent.none')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table data-testid="consents">
              <thead>
                <tr>
                  {(['consent.id', 'consent.grantee', 'consent.categories', 'consent.purposes', 'consent.period', 'consent.evidence', 'consent.status', 'consent.actions'] as const).map((key) => (
                    <th key={key} scope="col">{t(key)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>{client!.consents!.map(row)}</tbody>
            </table>
          </div>
        )}
      </section>
      <RecordConsentForm clientId={clientId} query={query} renewing={renewing} onRecorded={() => void load()} onCancelRenewal={() => setRenewing(null)} />
    </>
  );
}
