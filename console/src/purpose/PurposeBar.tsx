import { useEffect, useId, useState } from 'react';
import { request } from '../api/graphql';
import type { Viewer } from '../auth/session';
import { MyConferencesDocument, type MyConferencesQuery } from '../gql/generated';
import { purposesFor } from '../app/roles';
import { useI18n } from '../i18n/i18n';
import { purposeName } from '../i18n/names';
import { choosePurpose, MIN_EMERGENCY_REASON, resetPurpose, usePurpose, type Purpose } from './purposeStore';


type Conference = MyConferencesQuery['myConferences'][number];

/**
 * The purpose of use, always in view: every request the console sends carries it. A security
 * conference is picked from the viewer's open ones; an emergency needs a reason first.
 */
export function PurposeBar({ viewer }: { viewer: Viewer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const current = usePurpose();
  const choices = purposesFor(viewer.roles);
  const [draft, setDraft] = useState<Purpose>(current.purpose);
  const [reason, setReason] = useState('');
  const [conferences, setConferences] = useState<Conference[] | null>(null);
  const ids = { purpose: useId(), conference: useId(), reason: useId(), reasonHint: useId() };

  // Each sign-in starts from the viewer's first purpose, without a banner; a renewed session (same
  // viewer, after expiry) keeps this bar mounted and so keeps both.
  useEffect(() => {
    resetPurpose(choices[0]!);
    setDraft(choices[0]!);
  }, [viewer.sub]); // `choices` follows the viewer

  useEffect(() => {
    if (draft !== 'SECURITY_CONFERENCE') return;
    void request(MyConferencesDocument, { includeEnded: false }, { purpose: 'CASE_MANAGEMENT' }).then(({ data }) =>
      setConferences((data?.myConferences ?? []).filter((c) => c.status === 'OPEN')),
    );
  }, [draft]);

  const pick = (purpose: Purpose) => {
    setDraft(purpose);
    if (purpose === 'INTAKE' || purpose === 'CASE_MANAGEMENT' || purpose === 'AUDIT' || purpose === 'STATISTICS') choosePurpose({ purpose });
  };
  const reasonValid = reason.trim().length >= MIN_EMERGENCY_REASON;

  return (
    <section className="purpose" aria-label={t('purpose.region')}>
      <label htmlFor={ids.purpose}>{t('purpose.label')}</label>
      <select id={ids.purpose} value={draft} onChange={(event) => pick(event.target.value as Purpose)} data-testid="purpose">
        {choices.map((purpose) => (
          <option key={purpose} value={purpose}>
            {purposeName(i18n, purpose)}
          </option>
        ))}
      </select>
      {draft === 'SECURITY_CONFERENCE' ? (
        <>
          <label htmlFor={ids.conference}>{t('purpose.conference')}</label>
          <select
            id={ids.conference}
            value={current.purpose === 'SECURITY_CONFERENCE' ? current.conferenceId : ''}
            onChange={(event) => event.target.value && choosePurpose({ purpose: 'SECURITY_CONFERENCE', conferenceId: event.target.value })}
          >
            <option value="">{conferences === null ? t('common.loading') : conferences.length === 0 ? t('purpose.noConference') : t('purpose.pickConference')}</option>
            {(conferences ?? []).map((conference) => (
              <option key={conference.id} value={conference.id}>
                {conference.id} · {conference.case?.reference ?? ''} · {i18n.dateTime(conference.endsAt)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {draft === 'EMERGENCY' && current.purpose !== 'EMERGENCY' ? (
        <form
          className="emergency-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (reasonValid) choosePurpose({ purpose: 'EMERGENCY', emergencyReason: reason });
          }}
        >
          <label htmlFor={ids.reason}>{t('purpose.reason')}</label>
          <input id={ids.reason} value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby={ids.reasonHint} maxLength={1000} />
          <span id={ids.reasonHint} className="hint">
            {t('purpose.reasonHint', { min: MIN_EMERGENCY_REASON })}
          </span>
          <button type="submit" disabled={!reasonValid}>
            {t('purpose.breakGlass')}
          </button>
        </form>
      ) : null}
      <p className="current" data-testid="current-purpose" aria-live="polite">
        {t('purpose.current', { purpose: purposeName(i18n, current.purpose) })}
        {current.conferenceId ? ` · ${current.conferenceId}` : ''}
      </p>
    </section>
  );
}
