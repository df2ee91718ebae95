import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { agencyData, renderStatisticsCsv, seriesOf, statisticsCsvFilename, type StatisticsData } from '../../../lib/kit/statistics/csv';
import { request, type ApiError } from '../api/graphql';
import { ProblemList } from '../components/ProblemList';
import { DashboardFiguresDocument } from '../gql/generated';
import { SCHEMA_FIGURES } from '../gql/figures';
import { useI18n } from '../i18n/i18n';
import { FigureView } from './FigureView';
import { agencyTitle } from './names';
import { defaultYear, GRANULARITIES, selectableYears, yearPeriod, type Granularity } from './periods';
import { DASHBOARD_AGENCIES } from './registry';

interface Shown {
  year: number;
  granularity: Granularity;
  statistics: StatisticsData;
  /** When the figures were asked for (the printed report says so). */
  askedAt: string;
}

/** Figures drawn, and counts shown and suppressed (periods and totals), for the summary line. */
function countCells(statistics: StatisticsData) {
  let figures = 0;
  let shown = 0;
  let suppressed = 0;
  for (const agency of DASHBOARD_AGENCIES) {
    const own = agencyData(statistics, agency.field);
    if (!own) continue;
    for (const figure of agency.figures) {
      figures += 1;
      for (const series of seriesOf(own[figure.name])) {
        for (const cell of [...series.periods.map((p) => p.count), series.total]) {
          if (cell.suppressed) suppressed += 1;
          else shown += 1;
        }
      }
    }
  }
  return { figures, shown, suppressed };
}

/** Saves what is shown as the CSV the gateway's `/statistics.csv` gives for the same range. */
function download(statistics: StatisticsData): void {
  const url = URL.createObjectURL(new Blob([renderStatisticsCsv(statistics, SCHEMA_FIGURES)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = statisticsCsvFilename(statistics);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The coordinator's dashboard (purpose STATISTICS): for a year by month or quarter, one chart and
 * its table per figure of every agency, as the supergraph declares them; suppressed counts
 * hatched and never a number; a CSV of what is shown; a print layout for the yearly report.
 */
export default function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = { year: useId(), legend: useId() };
  const today = useMemo(() => new Date(), []);
  const [year, setYear] = useState(() => defaultYear(today));
  const [granularity, setGranularity] = useState<Granularity>('MONTH');
  const [shown, setShown] = useState<Shown | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  const load = useCallback(async (askedYear: number, askedGranularity: Granularity) => {
    setLoading(true);
    const asked = ++latest.current;
    const answer = await request(DashboardFiguresDocument, { period: yearPeriod(askedYear, askedGranularity) });
    // Only the last question asked is shown: an earlier, slower answer never replaces it.
    if (asked !== latest.current) return;
    setLoading(false);
    const statistics = answer.data?.statistics as StatisticsData | null | undefined;
    setErrors(statistics ? [] : answer.errors);
    setShown(statistics ? { year: askedYear, granularity: askedGranularity, statistics, askedAt: new Date().toISOString() } : null);
  }, []);
  useEffect(() => void load(defaultYear(today), 'MONTH'), [load, today]);

  const missing = shown ? DASHBOARD_AGENCIES.filter((agency) => !agencyData(shown.statistics, agency.field)).map((agency) => agencyTitle(i18n, agency)) : [];
  const cells = shown ? countCells(shown.statistics) : null;

  return (
    <div className="dashboard">
      <h1 tabIndex={-1}>{t('dashboard.title')}</h1>
      <p className="muted no-print">{t('dashboard.intro')}</p>
      <form className="card inline no-print" onSubmit={(event) => (event.preventDefault(), void load(year, granularity))} aria-label={t('dashboard.choose')}>
        <div className="field">
          <label htmlFor={ids.year}>{t('dashboard.year')}</label>
          <select id={ids.year} value={year} onChange={(event) => setYear(Number(event.target.value))} data-testid="dashboard-year">
            {selectableYears(today).map((option) => <option key={option} value={option}>{option}</option>)}
          </select>
        </div>
        <fieldset className="granularity">
          <legend>{t('dashboard.granularity')}</legend>
          {GRANULARITIES.map((option) => (
            <label key={option} className="checkbox">
              <input type="radio" name="granularity" value={option} checked={granularity === option} onChange={() => setGranularity(option)} />
              {t(`dashboard.granularity.${option}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={loading}>{t('dashboard.show')}</button>
      </form>
      <ProblemList errors={errors} />
      {loading && !shown ? <p role="status">{t('common.loading')}</p> : null}
      {shown ? (
        <>
          <section className="card report-head" aria-labelledby={ids.legend}>
            <h2 id={ids.legend} data-testid="dashboard-heading">
              {t('dashboard.heading', { year: String(shown.year), granularity: t(`dashboard.granularity.${shown.granularity}`) })}
            </h2>
            <p role="status" data-testid="dashboard-summary">
              {t('dashboard.summary', { figures: i18n.number(cells!.figures), shown: i18n.number(cells!.shown), suppressed: i18n.number(cells!.suppressed) })}
              {missing.length > 0 ? ` ${t('dashboard.missing', { agencies: missing.join(', ') })}` : ''}
            </p>
            <p className="legend"><span className="swatch suppressed" aria-hidden="true" /> {t('dashboard.legend')}</p>
            <p className="muted">{t('dashboard.asked', { date: i18n.dateTime(shown.askedAt) })}</p>
            <div className="no-print">
              <button type="button" onClick={() => download(shown.statistics)}>{t('dashboard.csv')}</button>
              <button type="button" onClick={() => window.print()}>{t('dashboard.print')}</button>
            </div>
          </section>
          {DASHBOARD_AGENCIES.map((agency) => {
            const name = agencyTitle(i18n, agency);
            return (
              <section key={agency.agency} className="agency-figures" data-agency={agency.agency} aria-labelledby={`figures-${agency.agency}`}>
                <h2 id={`figures-${agency.agency}`}>{name}</h2>
                {agency.figures.map((figure) => (
                  <FigureView key={figure.name} agency={agency} agencyName={name} figure={figure} data={agencyData(shown.statistics, agency.field)} />
                ))}
              </section>
            );
          })}
        </>
      ) : null}
    </div>
  );
}
