import { useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { navigate } from '../app/router';
import { SelectField } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { OpenCaseDocument, type CaseRole, type RiskLevel } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { named } from '../i18n/names';

const ROLES: readonly CaseRole[] = ['VICTIM', 'PERPETRATOR', 'CHILD', 'OTHER'];
const RISKS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'];

/**
 * Opens a CO3 case for a family, starting from one client with their role (the case manager adds
 * the other members on the case's page), the viewer its case manager; then opens the case.
 */
export function OpenCaseForm({ clientId }: { clientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [role, setRole] = useState<CaseRole>('VICTIM');
  const [risk, setRisk] = useState<RiskLevel | ''>('');
  const [problems, setProblems] = useState<ApiError[]>([]);
  return (
    <form
      className="form-grid"
      aria-labelledby="open-case-title"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const answer = await request(OpenCaseDocument, { input: { members: [{ clientId, role }], ...(risk ? { riskLevel: risk } : {}) } });
        setProblems(answer.errors);
        if (answer.data?.openCase) navigate(`/cases/${encodeURIComponent(answer.data.openCase.id)}`);
      }}
    >
      <h3 id="open-case-title">{t('case.open')}</h3>
      <SelectField label={t('case.openRole')} value={role} onChange={(value) => setRole(value as CaseRole)}>
        {ROLES.map((value) => <option key={value} value={value}>{named(i18n, 'caseRole', value)}</option>)}
      </SelectField>
      <SelectField label={t('case.risk')} value={risk} onChange={(value) => setRisk(value as RiskLevel | '')}>
        <option value="">{t('case.riskNotAssessed')}</option>
        {RISKS.map((value) => <option key={value} value={value}>{named(i18n, 'risk', value)}</option>)}
      </SelectField>
      <ProblemList errors={problems} />
      <button type="submit">{t('case.openSubmit')}</button>
    </form>
  );
}
