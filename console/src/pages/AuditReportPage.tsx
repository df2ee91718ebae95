import { useEffect, useState } from 'react';
import { request, type ApiError } from '../api/graphql';
import { useSession } from '../auth/session';
import { ProblemList } from '../components/ProblemList';
import { AGENCIES, DISCLOSURE_REPORT, type PerAgency } from '../agencies';
import type { PrintedDisclosureFragment } from '../gql/generated';
import { useI18n } from '../i18n/i18n';
import { agencyName, categoryName, named, purposeName, roleName } from '../i18n/names';

type Report = PerAgency<PrintedDisclosureFragment>;

/**
 * "Who saw my data": a client's subject access report from every agency's own disclosure log,
 * printable. Auditors ask with purpose AUDIT; the client's FJC case manager with CASE_MANAGEMENT.
 */
export function AuditReportPage({ clientId }: { clientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useSession();
  const [report, setReport] = useState<Report | null | undefined>(undefined);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const auditor = session?.viewer.roles.includes('AUDITOR') ?? false;

  useEffect(() => {
    void request(DISCLOSURE_REPORT, { clientId }, { purpose: auditor ? 'AUDIT' : 'CASE_MANAGEMENT' }).then((answer) => {
      setReport(answer.data?.disclosureReport ?? null);
      setErrors(answer.errors);
    });
  }, [clientId, auditor]);

  const rows = report
    ? AGENCIES.flatMap((agency) => report[agency.field] ?? []).sort((a, b) => a.time.localeCompare(b.time))
    : [];
  return (
    <article className="report">
      <h1 tabIndex={-1}>{t('report.title', { id: clientId })}</h1>
      <p>{t('report.intro')}</p>
      <p className="no-print"><button type="button" onClick={() => window.print()}>{t('report.print')}</button></p>
      <ProblemList errors={errors} />
      {report === undefined ? <p>{t('common.loading')}</p> : rows.length === 0 ? <p className="muted">{t('report.none')}</p> : (
        <div className="table-wrap" tabIndex={0}>
          <table data-testid="disclosures">
            <caption className="visually-hidden">{t('report.caption')}</caption>
            <thead>
              <tr>{(['report.when', 'report.agency', 'report.viewer', 'report.purpose', 'report.basis', 'report.fields'] as const).map((key) => <th key={key} scope="col">{t(key)}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.agency}-${d.seq}`} data-purpose={d.purpose} className={d.reviewRequired ? 'emergency-row' : undefined}>
                  <td>{i18n.dateTime(d.time)}</td>
                  <td>{agencyName(i18n, d.agency)}</td>
                  <td>{[d.viewerName, agencyName(i18n, d.viewerAgency), d.viewerRoles.map((r) => roleName(i18n, r)).join(', ')].filter(Boolean).join(' · ')}</td>
                  <td>{purposeName(i18n, d.purpose)}{d.emergencyReason ? ` — ${d.emergencyReason}` : ''}</td>
                  <td>{d.bases.map((b) => `${categoryName(i18n, b.category)}: ${named(i18n, 'basis', b.basis)}`).join('; ') || '—'}</td>
                  <td>{d.fields?.join(', ') ?? d.categories.map((c) => categoryName(i18n, c)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
