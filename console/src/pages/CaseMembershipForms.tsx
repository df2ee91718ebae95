import { useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { navigate } from '../app/router';
import { Field, SelectField } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { AddCaseMemberDocument, OpenCaseDocument, type CaseRole, type RiskLevel } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { named } from '../i18n/names';

export const ROLES: readonly CaseRole[] = ['VICTIM', 'PERPETRATOR', 'CHILD', 'OTHER'];
const RISKS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'];

/** The role a client has in a case, chosen from every role, named in the viewer's language. */
function CaseRoleField({ label, value, onChange }: { label: string; value: CaseRole; onChange(role: CaseRole): void }) {
  const i18n = useI18n();
  return (
    <SelectField label={label} value={value} onChange={(chosen) => onChange(chosen as CaseRole)}>
      {ROLES.map((role) => <option key={role} value={role}>{named(i18n, 'caseRole', role)}</option>)}
    </SelectField>
  );
}

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
      <CaseRoleField label={t('case.openRole')} value={role} onChange={setRole} />
      <SelectField label={t('case.risk')} value={risk} onChange={(value) => setRisk(value as RiskLevel | '')}>
        <option value="">{t('case.riskNotAssessed')}</option>
        {RISKS.map((value) => <option key={value} value={value}>{named(i18n, 'risk', value)}</option>)}
      </SelectField>
      <ProblemList errors={problems} />
      <button type="submit">{t('case.openSubmit')}</button>
    </form>
  );
}

/** Adds a client of the registry to an open case with their role (the case's page reloads after). */
export function AddCaseMemberForm({ caseId, onAdded }: { caseId: string; onAdded(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [clientId, setClientId] = useState('');
  const [role, setRole] = useState<CaseRole>('CHILD');
  const [missing, setMissing] = useState(false);
  const [problems, setProblems] = useState<ApiError[]>([]);
  return (
    <form
      className="form-grid"
      aria-labelledby="add-member-title"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setMissing(!clientId.trim());
        if (!clientId.trim()) return;
        const answer = await request(AddCaseMemberDocument, { caseId, clientId: clientId.trim(), role });
        setProblems(answer.errors);
        if (answer.data?.addCaseMember) {
          setClientId('');
          onAdded();
        }
      }}
    >
      <h4 id="add-member-title">{t('case.addMember')}</h4>
      <Field label={t('case.memberClientId')} hint={t('case.memberClientIdHint')} value={clientId} onChange={(e) => setClientId(e.target.value)} error={missing ? t('validation.required') : null} />
      <CaseRoleField label={t('case.memberRole')} value={role} onChange={setRole} />
      <ProblemList errors={problems} />
      <button type="submit">{t('case.addMemberSubmit')}</button>
    </form>
  );
}
