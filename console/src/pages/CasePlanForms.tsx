import { useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Field, SelectField } from '../components/Field';
import { ProblemList } from '../components/ProblemList';
import { AddMonitoringNoteDocument, AddPlanItemDocument, RecordCaseActionDocument, type CaseActionKind, type PlanDomain } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, named } from '../i18n/names';
import { GRANTEES } from './consentForm';

const DOMAINS: PlanDomain[] = ['SAFETY', 'HOUSING', 'WORK', 'ADDICTION', 'FINANCES', 'MENTAL_HEALTH', 'PERPETRATOR_PROGRAMME', 'SUPERVISED_CONTACT', 'PARENTING', 'OTHER'];

/** Adds to an open case's plan: an item, a decision or action, a monitoring note (FJC case managers). */
export function CasePlanForms({ caseId, onChanged }: { caseId: string; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [item, setItem] = useState({ domain: 'SAFETY' as PlanDomain, description: '', ownerAgency: 'fjc', dueDate: '' });
  const [action, setAction] = useState({ kind: 'ACTION' as CaseActionKind, description: '', responsibleAgency: 'fjc', dueDate: '' });
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<ApiError[]>([]);
  const [missing, setMissing] = useState<string | null>(null);
  const done = (errors: ApiError[], ok: boolean, reset: () => void) => {
    setProblems(errors);
    if (ok) (reset(), onChanged());
  };
  const agencies = GRANTEES.map((agency) => <option key={agency} value={agency}>{agencyName(i18n, agency)}</option>);
  return (
    <section className="card" aria-labelledby="edit-plan-title">
      <h2 id="edit-plan-title">{t('case.edit')}</h2>
      <ProblemList errors={problems} />
      <form className="form-grid" onSubmit={async (event) => {
        event.preventDefault();
        if (!item.description.trim()) return setMissing('item');
        setMissing(null);
        const answer = await request(AddPlanItemDocument, { input: { caseId, domain: item.domain, description: item.description.trim(), ownerAgency: item.ownerAgency, dueDate: item.dueDate || null } });
        done(answer.errors, Boolean(answer.data?.addPlanItem), () => setItem({ ...item, description: '', dueDate: '' }));
      }}>
        <h3>{t('case.addItem')}</h3>
        <SelectField label={t('case.domain')} value={item.domain} onChange={(value) => setItem({ ...item, domain: value as PlanDomain })}>
          {DOMAINS.map((domain) => <option key={domain} value={domain}>{named(i18n, 'domain', domain)}</option>)}
        </SelectField>
        <Field label={t('case.description')} value={item.description} onChange={(e) => setItem({ ...item, description: e.target.value })} error={missing === 'item' ? t('validation.required') : null} maxLength={2000} />
        <SelectField label={t('case.owner')} value={item.ownerAgency} onChange={(value) => setItem({ ...item, ownerAgency: value })}>{agencies}</SelectField>
        <Field label={t('case.due')} type="date" value={item.dueDate} onChange={(e) => setItem({ ...item, dueDate: e.target.value })} />
        <button type="submit">{t('case.addItem')}</button>
      </form>
      <form className="form-grid" onSubmit={async (event) => {
        event.preventDefault();
        if (!action.description.trim() || !action.dueDate) return setMissing('action');
        setMissing(null);
        const answer = await request(RecordCaseActionDocument, { input: { caseId, kind: action.kind, description: action.description.trim(), responsibleAgency: action.responsibleAgency, dueDate: action.dueDate } });
        done(answer.errors, Boolean(answer.data?.recordCaseAction), () => setAction({ ...action, description: '', dueDate: '' }));
      }}>
        <h3>{t('case.recordAction')}</h3>
        <SelectField label={t('case.actionKind')} value={action.kind} onChange={(value) => setAction({ ...action, kind: value as CaseActionKind })}>
          <option value="ACTION">{t('actionKind.ACTION')}</option>
          <option value="DECISION">{t('actionKind.DECISION')}</option>
        </SelectField>
        <Field label={t('case.description')} value={action.description} onChange={(e) => setAction({ ...action, description: e.target.value })} error={missing === 'action' && !action.description.trim() ? t('validation.required') : null} maxLength={2000} />
        <SelectField label={t('case.responsible')} value={action.responsibleAgency} onChange={(value) => setAction({ ...action, responsibleAgency: value })}>{agencies}</SelectField>
        <Field label={t('case.due')} type="date" value={action.dueDate} onChange={(e) => setAction({ ...action, dueDate: e.target.value })} error={missing === 'action' && !action.dueDate ? t('validation.required') : null} />
        <button type="submit">{t('case.recordAction')}</button>
      </form>
      <form className="form-grid" onSubmit={async (event) => {
        event.preventDefault();
        if (!note.trim()) return setMissing('note');
        setMissing(null);
        const answer = await request(AddMonitoringNoteDocument, { caseId, text: note.trim() });
        done(answer.errors, Boolean(answer.data?.addMonitoringNote), () => setNote(''));
      }}>
        <h3>{t('case.addNote')}</h3>
        <Field label={t('case.note')} value={note} onChange={(e) => setNote(e.target.value)} error={missing === 'note' ? t('validation.required') : null} maxLength={2000} />
        <button type="submit">{t('case.addNote')}</button>
      </form>
    </section>
  );
}
