import { useState, type FormEvent } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Link, navigate } from '../app/router';
import { useSession } from '../auth/session';
import { Field } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { FindClientsDocument, type FindClientsQuery } from '../gql/generated';
import { foundClients } from '../i18n/counts';
import { useI18n } from '../i18n/i18n';

type Result = FindClientsQuery['findClients'];

/** Find a client by name parts and/or date of birth (the FJC searches, indexed); or open one by id. */
export function FindClientPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useSession();
  const [name, setName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [clientId, setClientId] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const fjc = session?.viewer.agency === 'fjc';

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await request(FindClientsDocument, { name: name.trim() || null, dateOfBirth: dateOfBirth || null, first: 25 });
    setBusy(false);
    setErrors(answer.errors);
    setResult(answer.data?.findClients ?? null);
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('find.title')}</h1>
      {fjc ? (
        <form className="card search" onSubmit={search} role="search">
          <Field label={t('find.name')} hint={t('find.nameHint')} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          <Field label={t('find.dateOfBirth')} type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} />
          <button type="submit" className="primary" disabled={busy || (!name.trim() && !dateOfBirth)}>
            {t('find.search')}
          </button>
        </form>
      ) : null}
      <ProblemList errors={errors} />
      {result ? (
        <section aria-labelledby="results-title" className="card">
          <h2 id="results-title" data-testid="result-count">
            {foundClients(i18n, result.totalCount, result.clients.length, result.truncated)}
          </h2>
          <ul className="results">
            {result.clients.map((client) => (
              <li key={client.id}>
                <Link to={`/clients/${encodeURIComponent(client.id)}`}>{client.displayName ?? client.id}</Link>
                <span> · {t('client.bornOn', { date: i18n.date(client.dateOfBirth) })} · {client.id}</span>
              </li>
            ))}
          </ul>
          {result.truncated ? <p className="hint">{t('find.refine')}</p> : null}
        </section>
      ) : null}
      <form
        className="card inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (clientId.trim()) navigate(`/clients/${encodeURIComponent(clientId.trim())}`);
        }}
      >
        <Field label={t('find.byId')} value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="FJC-000002" />
        <button type="submit">{t('find.open')}</button>
      </form>
    </>
  );
}
