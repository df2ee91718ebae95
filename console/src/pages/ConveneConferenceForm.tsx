import { useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { useSession } from '../auth/session';
import { Field, SelectField } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { ConveneConferenceDocument, OpenCasesDocument, type OpenCasesQuery } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, named } from '../i18n/names';
import { GRANTEES } from './consentForm';
import { conferenceInput, emptyConference, validateConference, type ConferenceDraft, type ConferenceErrors } from './conferenceForm';

/** Convenes a security conference: case, participants, window of at most 12 hours, legal basis and reference. */
export function ConveneConferenceForm({ onConvened }: { onConvened(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [cases, setCases] = useState<OpenCasesQuery['cases']>([]);
  const { session } = useSession();
  // The convener takes part by default: myConferences lists the conferences one takes part in.
  const fresh = () => ({ ...emptyConference(), participants: [{ staffId: session?.viewer.sub ?? '', agency: session?.viewer.agency ?? 'fjc' }] });
  const [draft, setDraft] = useState<ConferenceDraft>(fresh);
  const [errors, setErrors] = useState<ConferenceErrors>({});
  const [problems, setProblems] = useState<ApiError[]>([]);
  useEffect(() => void request(OpenCasesDocument, { first: 200 }, { purpose: 'CASE_MANAGEMENT' }).then(({ data }) => setCases(data?.cases ?? [])), []);
  const set = <K extends keyof ConferenceDraft>(key: K, value: ConferenceDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const message = (key: keyof ConferenceDraft) => (errors[key] ? t(errors[key]!) : null);
  const setParticipant = (index: number, change: Partial<ConferenceDraft['participants'][number]>) =>
    set('participants', draft.participants.map((p, i) => (i === index ? { ...p, ...change } : p)));

  return (
    <section className="card" aria-labelledby="convene-title">
      <h2 id="convene-title">{t('conference.convene')}</h2>
      <form
        className="form-grid"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const found = validateConference(draft);
          setErrors(found);
          if (Object.keys(found).length > 0) return;
          const answer = await request(ConveneConferenceDocument, { input: conferenceInput(draft) }, { purpose: 'CASE_MANAGEMENT' });
          setProblems(answer.errors);
          if (answer.data?.conveneSecurityConference) {
            setDraft(fresh());
            onConvened();
          }
        }}
      >
        <SelectField label={t('conference.case')} value={draft.caseId} onChange={(value) => set('caseId', value)} error={message('caseId')} required>
          <option value="">{t('common.choose')}</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>{c.reference} · {named(i18n, 'risk', c.riskLevel)}</option>
          ))}
        </SelectField>
        <Field label={t('conference.startsAt')} type="datetime-local" value={draft.startsAt} onChange={(e) => set('startsAt', e.target.value)} error={message('startsAt')} />
        <Field label={t('conference.endsAt')} type="datetime-local" hint={t('conference.windowHint')} value={draft.endsAt} onChange={(e) => set('endsAt', e.target.value)} error={message('endsAt')} />
        <SelectField label={t('conference.legalBasis')} value={draft.legalBasis} onChange={(value) => set('legalBasis', value as ConferenceDraft['legalBasis'])} error={message('legalBasis')} required>
          <option value="">{t('common.choose')}</option>
          <option value="DECREE">{t('legalBasis.DECREE')}</option>
          <option value="PROSECUTOR_PERMISSION">{t('legalBasis.PROSECUTOR_PERMISSION')}</option>
        </SelectField>
        <Field label={t('conference.reference')} value={draft.legalBasisReference} onChange={(e) => set('legalBasisReference', e.target.value)} error={message('legalBasisReference')} maxLength={200} />
        <fieldset className={errors.participants ? 'invalid' : undefined}>
          <legend>{t('conference.participants')}</legend>
          {draft.participants.map((participant, index) => (
            <div className="participant" key={index}>
              <Field label={t('conference.staffId', { n: index + 1 })} value={participant.staffId} onChange={(e) => setParticipant(index, { staffId: e.target.value })} />
              <SelectField label={t('conference.agency', { n: index + 1 })} value={participant.agency} onChange={(value) => setParticipant(index, { agency: value })}>
                {GRANTEES.map((agency) => (
                  <option key={agency} value={agency}>{agencyName(i18n, agency)}</option>
                ))}
              </SelectField>
            </div>
          ))}
          {message('participants') ? <span className="field-error">{message('participants')}</span> : null}
          <button type="button" onClick={() => set('participants', [...draft.participants, { staffId: '', agency: GRANTEES[1] ?? '' }])}>{t('conference.addParticipant')}</button>
        </fieldset>
        <ProblemList errors={problems} />
        <button type="submit" className="primary">{t('conference.submit')}</button>
      </form>
    </section>
  );
}
