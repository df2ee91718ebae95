import { useCallback, useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Link } from '../app/router';
import { useSession } from '../auth/session';
import { ProblemList } from '../components/ProblemList';
import { CloseConferenceDocument, MyConferencesDocument, type MyConferencesQuery } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, named } from '../i18n/names';
import { ConveneConferenceForm } from './ConveneConferenceForm';

/** The viewer's open and scheduled security conferences; FJC case managers convene and close them. */
export function ConferencesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useSession();
  const [conferences, setConferences] = useState<MyConferencesQuery['myConferences'] | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const manager = session?.viewer.agency === 'fjc' && session.viewer.roles.includes('CASE_MANAGER');
  const load = useCallback(async () => {
    const answer = await request(MyConferencesDocument, { includeEnded: false }, { purpose: 'CASE_MANAGEMENT' });
    setConferences(answer.data?.myConferences ?? []);
    setErrors(answer.errors);
  }, []);
  useEffect(() => void load(), [load]);

  const close = async (id: string) => {
    const answer = await request(CloseConferenceDocument, { id }, { purpose: 'CASE_MANAGEMENT' });
    setErrors(answer.errors);
    await load();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('conference.title')}</h1>
      <ProblemList errors={errors} />
      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">{t('conference.open')}</h2>
        {conferences === null ? <p>{t('common.loading')}</p> : conferences.length === 0 ? <p className="muted">{t('conference.none')}</p> : (
          <ul className="conferences">
            {conferences.map((conference) => (
              <li key={conference.id} data-conference={conference.id}>
                <strong>{conference.id}</strong> · {named(i18n, 'conferenceStatus', conference.status)} ·{' '}
                {conference.case ? <Link to={`/cases/${encodeURIComponent(conference.case.id)}`}>{conference.case.reference}</Link> : null} ·{' '}
                {i18n.dateTime(conference.startsAt)} – {i18n.dateTime(conference.endsAt)} · {named(i18n, 'legalBasis', conference.legalBasis)} ({conference.legalBasisReference})
                <div className="muted">
                  {t('conference.participants')}: {conference.participants.map((p) => `${p.staffId} (${agencyName(i18n, p.agency)})`).join(', ')}
                </div>
                {manager ? <button type="button" onClick={() => void close(conference.id)}>{t('conference.close')}</button> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {manager ? <ConveneConferenceForm onConvened={() => void load()} /> : null}
    </>
  );
}
