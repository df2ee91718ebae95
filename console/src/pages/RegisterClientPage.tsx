import { useState, type FormEvent } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Link, navigate } from '../app/router';
import { Checkbox } from '../components/Checkbox';
import { Field, SelectField } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { RegisterClientDocument } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { draftFieldOf, EMPTY_DRAFT, inputOf, validateDraft, type DraftErrors, type RegisterDraft } from './registerForm';

const LANGUAGES = ['nl', 'fr', 'en', 'ar', 'tr', 'pl', 'ro', 'uk', 'ru', 'es'];

/** Registers a client at the front desk: checked field by field; a likely duplicate is shown before anything is created. */
export function RegisterClientPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<RegisterDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverMessages, setServerMessages] = useState<Partial<Record<keyof RegisterDraft, string>>>({});
  const [problems, setProblems] = useState<ApiError[]>([]);
  const [candidates, setCandidates] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof RegisterDraft>(key: K, value: RegisterDraft[K]) => {
    setDraft((previous) => ({ ...previous, [key]: value }));
    setCandidates([]);
  };
  const messageOf = (key: keyof RegisterDraft) => (errors[key] ? t(errors[key]!) : serverMessages[key] ?? null);

  const submit = async (confirmed: string[]) => {
    const found = validateDraft(draft);
    setErrors(found);
    setServerMessages({});
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const answer = await request(RegisterClientDocument, { input: inputOf(draft, confirmed) });
    setBusy(false);
    const duplicate = answer.errors.find((error) => error.extensions?.code === 'LIKELY_DUPLICATE');
    if (duplicate) return setCandidates(duplicate.extensions?.candidates ?? []);
    const byField: Partial<Record<keyof RegisterDraft, string>> = {};
    const rest = answer.errors.filter((error) => {
      const field = error.extensions?.code === 'BAD_USER_INPUT' ? draftFieldOf(error.extensions.field) : undefined;
      if (field) byField[field] = t('validation.server', { message: error.message });
      return !field;
    });
    setServerMessages(byField);
    setProblems(rest);
    if (answer.data?.registerClient) navigate(`/clients/${encodeURIComponent(answer.data.registerClient.id)}`);
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('register.title')}</h1>
      <form className="card form-grid" noValidate onSubmit={(event: FormEvent) => (event.preventDefault(), void submit([]))}>
        <Field label={t('register.firstName')} value={draft.firstName} onChange={(e) => set('firstName', e.target.value)} error={messageOf('firstName')} required autoComplete="off" />
        <Field label={t('register.lastName')} value={draft.lastName} onChange={(e) => set('lastName', e.target.value)} error={messageOf('lastName')} required autoComplete="off" />
        <Field label={t('register.dateOfBirth')} type="date" value={draft.dateOfBirth} onChange={(e) => set('dateOfBirth', e.target.value)} error={messageOf('dateOfBirth')} required />
        <SelectField label={t('register.gender')} value={draft.gender} onChange={(value) => set('gender', value)} error={messageOf('gender')} required>
          <option value="">{t('common.choose')}</option>
          {['FEMALE', 'MALE', 'X'].map((gender) => (
            <option key={gender} value={gender}>{t(`gender.${gender}` as 'gender.X')}</option>
          ))}
        </SelectField>
        <SelectField label={t('register.language')} value={draft.language} onChange={(value) => set('language', value)} error={messageOf('language')}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>{new Intl.DisplayNames([i18n.locale], { type: 'language' }).of(code) ?? code}</option>
          ))}
        </SelectField>
        <Checkbox label={t('register.interpreterNeeded')} checked={draft.interpreterNeeded} onChange={(value) => set('interpreterNeeded', value)} />
        <Field label={t('register.phone')} type="tel" value={draft.phone} onChange={(e) => set('phone', e.target.value)} error={messageOf('phone')} />
        <Field label={t('register.email')} type="email" value={draft.email} onChange={(e) => set('email', e.target.value)} error={messageOf('email')} />
        <fieldset>
          <legend>{t('register.address')}</legend>
          <Field label={t('register.street')} value={draft.street} onChange={(e) => set('street', e.target.value)} error={messageOf('street')} />
          <Field label={t('register.postalCode')} value={draft.postalCode} onChange={(e) => set('postalCode', e.target.value)} error={messageOf('postalCode')} />
          <Field label={t('register.municipality')} value={draft.municipality} onChange={(e) => set('municipality', e.target.value)} error={messageOf('municipality')} />
          <Checkbox label={t('register.addressProtected')} checked={draft.addressProtected} onChange={(value) => set('addressProtected', value)} />
        </fieldset>
        <ProblemList errors={problems} />
        {candidates.length > 0 ? (
          <div className="warning" role="alert" data-testid="duplicate-warning">
            <p>{t('register.duplicate', { count: candidates.length })}</p>
            <ul>
              {candidates.map((id) => (
                <li key={id}>
                  <Link to={`/clients/${encodeURIComponent(id)}`}>{id}</Link>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => void submit(candidates)} disabled={busy}>
              {t('register.confirmDistinct')}
            </button>
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {t('register.submit')}
        </button>
      </form>
    </>
  );
}
