import { useCallback, useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { Link } from '../app/router';
import { useSession } from '../auth/session';
import { ProblemList } from '../components/ProblemList';
import { CasePlanDocument, CloseCaseDocument, RemoveCaseMemberDocument, UpdatePlanItemStatusDocument, type CasePlanQuery, type PlanItemStatus } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, named } from '../i18n/names';
import { CasePlanForms } from './CasePlanForms';
import { AddCaseMemberForm } from './CaseMembershipForms';

const STATUSES: PlanItemStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'];

/** A CO3 case and its plan: members, conferences, plan items, notes, decisions; editable by FJC case managers. */
export function CasePage({ caseId }: { caseId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useSession();
  const [theCase, setCase] = useState<CasePlanQuery['case'] | null | undefined>(undefined);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [closing, setClosing] = useState(false);
  const editor = session?.viewer.agency === 'fjc' && session.viewer.roles.includes('CASE_MANAGER');
  const load = useCallback(async () => {
    const answer = await request(CasePlanDocument, { id: caseId });
    setCase(answer.data?.case ?? null);
    setErrors(answer.errors);
  }, [caseId]);
  useEffect(() => void load(), [load]);

  if (theCase === undefined) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!theCase) return (<><h1 tabIndex={-1}>{caseId}</h1><ProblemList errors={errors} /></>);
  const open = theCase.status === 'OPEN';
  const setStatus = async (id: string, status: PlanItemStatus) => {
    const answer = await request(UpdatePlanItemStatusDocument, { id, status });
    setErrors(answer.errors);
    await load();
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('case.title', { reference: theCase.reference })}</h1>
      <ProblemList errors={errors} />
      <section className="card" aria-labelledby="case-facts">
        <h2 id="case-facts">{t('case.facts')}</h2>
        <dl className="facts">
          <div><dt>{t('case.status')}</dt><dd>{named(i18n, 'caseStatus', theCase.status)}</dd></div>
          <div><dt>{t('case.risk')}</dt><dd>{named(i18n, 'risk', theCase.riskLevel)}</dd></div>
          <div><dt>{t('case.openedAt')}</dt><dd>{i18n.date(theCase.openedAt)}</dd></div>
          <div><dt>{t('case.caseManager')}</dt><dd>{theCase.caseManager ?? '—'}</dd></div>
          {theCase.closedAt ? <div><dt>{t('case.closedAt')}</dt><dd>{i18n.date(theCase.closedAt)}</dd></div> : null}
        </dl>
        {editor && open ? (
          closing ? (
            <p className="row-actions" role="group" aria-label={t('case.close')}>
              <span>{t('case.closeWarning')}</span>{' '}
              <button type="button" onClick={async () => {
                const answer = await request(CloseCaseDocument, { id: theCase.id });
                setErrors(answer.errors);
                setClosing(false);
                await load();
              }}>{t('case.confirmClose')}</button>{' '}
              <button type="button" onClick={() => setClosing(false)}>{t('common.cancel')}</button>
            </p>
          ) : (
            <p><button type="button" onClick={() => setClosing(true)}>{t('case.close')}</button></p>
          )
        ) : null}
        <h3>{t('case.members')}</h3>
        <ul>
          {(theCase.members ?? []).map((member) => (
            <li key={member.client.id} data-member={member.client.id}>
              <Link to={`/clients/${encodeURIComponent(member.client.id)}`}>{member.client.displayName ?? member.client.id}</Link> · {named(i18n, 'caseRole', member.role)}
              {editor && open && (theCase.members ?? []).length > 1 ? (
                <>
                  {' '}
                  <button type="button" aria-label={t('case.removeMemberOf', { name: member.client.displayName ?? member.client.id })} onClick={async () => {
                    const answer = await request(RemoveCaseMemberDocument, { caseId: theCase.id, clientId: member.client.id });
                    setErrors(answer.errors);
                    await load();
                  }}>{t('case.removeMember')}</button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        {editor && open ? <AddCaseMemberForm caseId={theCase.id} onAdded={() => void load()} /> : null}
        <h3>{t('case.conferences')}</h3>
        {(theCase.conferences ?? []).length === 0 ? <p className="muted">{t('conference.none')}</p> : (
          <ul>
            {theCase.conferences!.map((c) => (
              <li key={c.id}>{c.id} · {named(i18n, 'conferenceStatus', c.status)} · {i18n.dateTime(c.startsAt)} – {i18n.dateTime(c.endsAt)}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">{t('case.plan')}</h2>
        {(theCase.planItems ?? []).length === 0 ? <p className="muted">{t('case.noPlan')}</p> : (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead><tr>{(['case.domain', 'case.description', 'case.owner', 'case.due', 'case.itemStatus'] as const).map((key) => <th key={key} scope="col">{t(key)}</th>)}</tr></thead>
              <tbody>
                {theCase.planItems!.map((item) => (
                  <tr key={item.id}>
                    <td>{named(i18n, 'domain', item.domain)}</td>
                    <td>{item.description}</td>
                    <td>{agencyName(i18n, item.ownerAgency)}</td>
                    <td>{i18n.date(item.dueDate)}</td>
                    <td>
                      {editor && open && (item.status === 'PLANNED' || item.status === 'IN_PROGRESS') ? (
                        <label>
                          <span className="visually-hidden">{t('case.itemStatusOf', { item: item.description })}</span>
                          <select value={item.status} onChange={(event) => void setStatus(item.id, event.target.value as PlanItemStatus)}>
                            {STATUSES.map((status) => <option key={status} value={status}>{named(i18n, 'planStatus', status)}</option>)}
                          </select>
                        </label>
                      ) : named(i18n, 'planStatus', item.status)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('case.actions')}</h3>
        {(theCase.actions ?? []).length === 0 ? <p className="muted">{t('case.noActions')}</p> : (
          <ul>{theCase.actions!.map((a) => <li key={a.id}>{named(i18n, 'actionKind', a.kind)} · {a.description} · {agencyName(i18n, a.responsibleAgency)} · {i18n.date(a.dueDate)}</li>)}</ul>
        )}
        <h3>{t('case.notes')}</h3>
        {(theCase.monitoringNotes ?? []).length === 0 ? <p className="muted">{t('case.noNotes')}</p> : (
          <ul>{theCase.monitoringNotes!.map((n) => <li key={n.id}>{i18n.dateTime(n.writtenAt)} · {n.writtenBy}: {n.text}</li>)}</ul>
        )}
      </section>
      {editor && open ? <CasePlanForms caseId={theCase.id} onChanged={() => void load()} /> : null}
    </>
  );
}
