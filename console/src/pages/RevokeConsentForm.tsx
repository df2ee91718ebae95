import { useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Field } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { RevokeConsentDocument } from '../gql/generated';
import { useI18n } from '../i18n/i18n';

/** Revokes one consent with the reason: from the next request on it is no basis for anything. */
export function RevokeConsentForm({ consentId, onDone, onCancel }: { consentId: string; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ApiError[]>([]);
  return (
    <form
      className="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!reason.trim()) return setError(t('validation.required'));
        const answer = await request(RevokeConsentDocument, { id: consentId, reason: reason.trim() });
        setProblems(answer.errors);
        if (answer.data?.revokeConsent) onDone();
      }}
    >
      <Field label={t('consent.revokeReason')} value={reason} onChange={(e) => (setReason(e.target.value), setError(null))} error={error} maxLength={500} />
      <ProblemList errors={problems} />
      <button type="submit">{t('consent.confirmRevoke')}</button>
      <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
    </form>
  );
}
