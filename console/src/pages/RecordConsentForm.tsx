import { useEffect, useRef, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { Field, SelectField } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { RecordConsentDocument } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, categoryName, purposeName } from '../i18n/names';
import { CATEGORIES, CONSENT_PURPOSES, consentInput, draftFrom, GRANTEES, renewalDraft, toggle, validateConsent, type ConsentDraft, type ConsentErrors, type RenewedConsent } from './consentForm';

interface RecordConsentFormProps {
  clientId: string;
  query: URLSearchParams;
  /** A consent to renew: the form starts from it and the new consent names it (`renews`). */
  renewing?: RenewedConsent | null;
  onRecorded(): void;
  /** Leaves a renewal for a new consent. */
  onCancelRenewal?(): void;
}

/**
 * Records a client's consent: categories, grantee agency, purposes, period and the signed form's
 * number; or renews one, from a copy of it for a new period, with the new form's number.
 */
export function RecordConsentForm({ clientId, query, renewing = null, onRecorded, onCancelRenewal }: RecordConsentFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<ConsentDraft>(() => (renewing ? renewalDraft(renewing) : draftFrom(query)));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!renewing) return;
    setDraft(renewalDraft(renewing));
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [renewing]);
  const [errors, setErrors] = useState<ConsentErrors>({});
  const [problems, setProblems] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const set = <K extends keyof ConsentDraft>(key: K, value: ConsentDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const message = (key: keyof ConsentErrors) => (errors[key] ? t(errors[key]!) : null);

  return (
    <section className="card" aria-labelledby="record-consent-title">
      <h2 id="record-consent-title" ref={heading} tabIndex={-1}>{draft.renews ? t('consent.renewTitle', { id: draft.renews }) : t('consent.record')}</h2>
      <form
        className="form-grid"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const found = validateConsent(draft);
          setErrors(found);
          setSaved(null);
          if (Object.keys(found).length > 0) return;
          const answer = await request(RecordConsentDocument, { input: consentInput(clientId, draft) });
          setProblems(answer.errors);
          if (answer.data?.recordConsent) {
            setSaved(answer.data.recordConsent.id);
            setDraft(draftFrom(new URLSearchParams()));
            onRecorded();
            onCancelRenewal?.();
          }
        }}
      >
        <SelectField label={t('consent.grantee')} value={draft.granteeAgency} onChange={(value) => set('granteeAgency', value)} error={message('granteeAgency')} required>
          <option value="">{t('common.choose')}</option>
          {GRANTEES.map((agency) => (
            <option key={agency} value={agency}>{agencyName(i18n, agency)}</option>
          ))}
        </SelectField>
        <ChoiceGroup legend={t('consent.categories')} options={CATEGORIES} chosen={draft.categories} labelOf={(c) => categoryName(i18n, c)}
          onChange={(value, on) => set('categories', toggle(CATEGORIES, draft.categories, value, on))} error={message('categories')} />
        <ChoiceGroup legend={t('consent.purposes')} options={CONSENT_PURPOSES} chosen={draft.purposes} labelOf={(p) => purposeName(i18n, p)}
          onChange={(value, on) => set('purposes', toggle(CONSENT_PURPOSES, draft.purposes, value, on))} error={message('purposes')} />
        <Field label={t('consent.validFrom')} type="date" value={draft.validFrom} onChange={(e) => set('validFrom', e.target.value)} error={message('validFrom')} />
        <Field label={t('consent.validUntil')} type="date" value={draft.validUntil} onChange={(e) => set('validUntil', e.target.value)} error={message('validUntil')} />
        <Field label={t('consent.evidence')} hint={t('consent.evidenceHint')} value={draft.evidenceReference} onChange={(e) => set('evidenceReference', e.target.value)} error={message('evidenceReference')} maxLength={100} />
        <ProblemList errors={problems} />
        {saved ? <p role="status" className="saved">{t('consent.saved', { id: saved })}</p> : null}
        <button type="submit" className="primary">{draft.renews ? t('consent.submitRenewal') : t('consent.submit')}</button>
        {draft.renews ? (
          <button type="button" onClick={() => (setDraft(draftFrom(new URLSearchParams())), onCancelRenewal?.())}>{t('consent.cancelRenewal')}</button>
        ) : null}
      </form>
    </section>
  );
}
