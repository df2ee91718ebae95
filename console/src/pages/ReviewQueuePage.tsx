import { useCallback, useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { navigate } from '../app/router';
import { Field } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { agencyOf, AGENCIES, REVIEW_QUEUE, reviewMutation } from '../agencies';
import type { QueuedDisclosureFragment } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, categoryName, roleName } from '../i18n/names';


/** The auditor's queue of emergency (break-the-glass) accesses, each judged justified or not with a note. */
export function ReviewQueuePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [queue, setQueue] = useState<QueuedDisclosureFragment[] | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const [clientId, setClientId] = useState('');
  const load = useCallback(async () => {
    const answer = await request(REVIEW_QUEUE, {}, { purpose: 'AUDIT' });
    const all = AGENCIES.flatMap((agency) => answer.data?.disclosureReview?.[agency.field] ?? []);
    setQueue(all.sort((a, b) => a.time.localeCompare(b.time)));
    setErrors(answer.errors);
  }, []);
  useEffect(() => void load(), [load]);

  const review = async (entry: QueuedDisclosureFragment, justified: boolean) => {
    const key = `${entry.agency}-${entry.seq}`;
    const note = (notes[key] ?? '').trim();
    if (!note) return setMissing(key);
    setMissing(null);
    // The verdict is recorded in the log of the agency that holds the record, by its own mutation.
    const agency = agencyOf(entry.agency);
    if (!agency) return setErrors([{ message: `no agency ${entry.agency}` }]);
    const answer = await request(reviewMutation(agency), { seq: entry.seq, justified, note }, { purpose: 'AUDIT' });
    setErrors(answer.errors);
    await load();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('review.title')}</h1>
      <ProblemList errors={errors} />
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t('review.queue', { count: queue?.length ?? 0 })}</h2>
        {queue === null ? <p>{t('common.loading')}</p> : queue.length === 0 ? <p className="muted">{t('review.empty')}</p> : (
          <ul className="queue">
            {queue.map((entry) => {
              const key = `${entry.agency}-${entry.seq}`;
              return (
                <li key={key} data-review={key} data-client={entry.clientId ?? ''}>
                  <p>
                    <strong>{i18n.dateTime(entry.time)}</strong> · {agencyName(i18n, entry.agency)} · {entry.clientId} ·{' '}
                    {[entry.viewerName, entry.viewerSub, agencyName(i18n, entry.viewerAgency), entry.viewerRoles.map((r) => roleName(i18n, r)).join(', ')].filter(Boolean).join(' · ')}
                  </p>
                  <p>{t('review.reason')}: <q>{entry.emergencyReason}</q> · {entry.categories.map((c) => categoryName(i18n, c)).join(', ')}</p>
                  <Field label={t('review.note')} value={notes[key] ?? ''} onChange={(e) => setNotes({ ...notes, [key]: e.target.value })} error={missing === key ? t('validation.required') : null} maxLength={2000} />
                  <button type="button" onClick={() => void review(entry, true)}>{t('review.justified')}</button>
                  <button type="button" onClick={() => void review(entry, false)}>{t('review.notJustified')}</button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <form className="card inline" onSubmit={(event) => (event.preventDefault(), clientId.trim() && navigate(`/report/${encodeURIComponent(clientId.trim())}`))}>
        <Field label={t('review.reportFor')} value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="FJC-000002" />
        <button type="submit">{t('review.openReport')}</button>
      </form>
    </>
  );
}
