import { useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Link } from '../app/router';
import { useSession } from '../auth/session';
import { AgencyCard } from '../cards/AgencyCard';
import { CARDS, CLIENT_VIEW_QUERY } from '../cards/registry';
import { errorsByPath } from '../cards/withheld';
import { WithheldNote } from '../cards/WithheldNote';
import { ProblemList } from '../components/ProblemList';
import type { ClientHeaderFragment } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, named } from '../i18n/names';
import { usePurpose } from '../purpose/purposeStore';
import { OpenCaseForm } from './CaseMembershipForms';

type ClientView = { client: (ClientHeaderFragment & Record<string, Record<string, unknown> | null>) | null };
const OPERATION = { text: CLIENT_VIEW_QUERY } as { text: string; __result?: ClientView; __variables?: { id: string } };

/** The unified view: the FJC's registry entry, then one card per agency, in one request. */
export function ClientPage({ clientId }: { clientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const purpose = usePurpose();
  const { session } = useSession();
  const [answer, setAnswer] = useState<{ data: ClientView | null; errors: ApiError[] } | null>(null);

  useEffect(() => {
    let current = true;
    setAnswer(null);
    void request(OPERATION, { id: clientId }).then((next) => {
      if (!current) return;
      setAnswer(next);
      performance.mark('oneroof:client-view-rendered');
    });
    return () => {
      current = false;
    };
  }, [clientId, purpose]);

  if (!answer) return <p aria-busy="true">{t('common.loading')}</p>;
  const client = answer.data?.client;
  const errors = errorsByPath(answer.errors);
  if (!client) {
    return (
      <>
        <h1 tabIndex={-1}>{clientId}</h1>
        {answer.errors.length > 0 ? <ProblemList errors={answer.errors} /> : <p>{t('client.notFound')}</p>}
      </>
    );
  }
  const field = (label: string, name: string, value: string | null | undefined) => (
    <div key={name}>
      <dt>{label}</dt>
      <dd>{errors.get(`client.${name}`) ? <WithheldNote error={errors.get(`client.${name}`)!} clientId={clientId} /> : value ?? '—'}</dd>
    </div>
  );
  const address = client.address ? `${client.address.street}, ${client.address.postalCode} ${client.address.municipality}` : null;
  const fjc = session?.viewer.agency === 'fjc';
  const caseManager = fjc && session.viewer.roles.includes('CASE_MANAGER');
  return (
    <div className="client-view" data-ready="true" data-testid="client-view">
      <h1 tabIndex={-1}>{client.displayName ?? clientId}</h1>
      <p className="subtitle">{clientId}</p>
      {fjc ? (
        <nav className="actions" aria-label={t('client.actions')}>
          <Link to={`/clients/${encodeURIComponent(clientId)}/consents`}>{t('client.consents')}</Link>
          <Link to={`/clients/${encodeURIComponent(clientId)}/audit`}>{t('client.whoSaw')}</Link>
        </nav>
      ) : null}
      <section className="card" aria-labelledby="registry-title">
        <h2 id="registry-title">{t('client.registry')}</h2>
        <dl className="facts">
          {field(t('register.dateOfBirth'), 'dateOfBirth', i18n.date(client.dateOfBirth))}
          {field(t('register.gender'), 'gender', named(i18n, 'gender', client.gender))}
          {field(t('register.language'), 'language', client.language ? new Intl.DisplayNames([i18n.locale], { type: 'language' }).of(client.language) : null)}
          {field(t('register.interpreterNeeded'), 'interpreterNeeded', client.interpreterNeeded == null ? null : t(client.interpreterNeeded ? 'common.yes' : 'common.no'))}
          {field(t('register.phone'), 'phone', client.phone)}
          {field(t('register.email'), 'email', client.email)}
          {field(t('register.address'), 'address', address)}
          {field(t('register.addressProtected'), 'addressProtected', client.addressProtected == null ? null : t(client.addressProtected ? 'common.yes' : 'common.no'))}
          {field(t('client.registeredAt'), 'registeredAt', i18n.date(client.registeredAt))}
        </dl>
        <h3>{t('client.knownTo')}</h3>
        {errors.get('client.agencyLinks') ? (
          <WithheldNote error={errors.get('client.agencyLinks')!} clientId={clientId} />
        ) : (client.agencyLinks ?? []).length === 0 ? (
          <p className="muted">{t('client.knownToNone')}</p>
        ) : (
          <ul>
            {client.agencyLinks!.map((link) => (
              <li key={link.agency}>
                {t('client.link', { agency: agencyName(i18n, link.agency), capacity: named(i18n, 'capacity', link.capacity), since: i18n.date(link.since) })}
              </li>
            ))}
          </ul>
        )}
        {(client.cases ?? []).length > 0 ? (
          <>
            <h3>{t('client.cases')}</h3>
            <ul>
              {client.cases!.map((membership) => (
                <li key={membership.case.id}>
                  <Link to={`/cases/${encodeURIComponent(membership.case.id)}`}>{membership.case.reference}</Link>{' '}
                  · {named(i18n, 'caseRole', membership.role)} · {named(i18n, 'caseStatus', membership.case.status)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {caseManager ? <OpenCaseForm clientId={clientId} /> : null}
      </section>
      <div className="cards">
        {CARDS.map((card) => (
          <AgencyCard key={card.agency} card={card} file={client[card.field] as Record<string, unknown> | null} errors={errors} clientId={clientId} />
        ))}
      </div>
    </div>
  );
}
