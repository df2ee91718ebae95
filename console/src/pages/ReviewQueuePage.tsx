import { useCallback, useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { navigate } from '../app/router';
import { Field } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import {
  ReviewFjcDocument, ReviewHousingDocument, ReviewMentalHealthDocument, ReviewPerpetratorProgramDocument, ReviewPoliceDocument,
  ReviewProbationDocument, ReviewQueueDocument, ReviewYouthCareDocument, type QueuedDisclosureFragment, type TypedDocumentString,
} from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, categoryName, roleName } from '../i18n/names';

/** Each agency's review mutation: the verdict is recorded in that agency's own log. */
const REVIEW = {
  fjc: ReviewFjcDocument, police: ReviewPoliceDocument, probation: ReviewProbationDocument, 'perpetrator-programs': ReviewPerpetratorProgramDocument,
  'youth-care': ReviewYouthCareDocument, housing: ReviewHousingDocument, 'mental-health': ReviewMentalHealthDocument,
} as const;
const SECTIONS = ['fjc', 'police', 'probation', 'perpetratorProgram', 'youthCare', 'housing', 'mentalHealth'] as const;

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
    const answer = await request(ReviewQueueDocument, {}, { purpose: 'AUDIT' });
    const all = SECTIONS.flatMap((section) => answer.data?.disclosureReview?.[section] ?? []);
    setQueue(all.sort((a, b) => a.time.localeCompare(b.time)));
    setErrors(answer.errors);
  }, []);
  useEffect(() => void load(), [load]);

  const review = async (entry: QueuedDisclosureFragment, justified: boolean) => {
    const key = `${entry.agency}-${entry.seq}`;
    const note = (notes[key] ?? '').trim();
    if (!note) return setMissing(key);
    setMissing(null);
    // Each agency's mutation has its own result type; only the errors matter here.
    const document = REVIEW[entry.agency as keyof typeof REVIEW] as TypedDocumentString<unknown, { seq: number; justified: boolean; note: string }>;
    const answer = await request(document, { seq: entry.seq, justified, note }, { purpose: 'AUDIT' });
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
