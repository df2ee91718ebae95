import { useId } from 'react';
import type { StatCellData, StatSeriesData } from '../../../lib/kit/statistics/csv';
import { useI18n } from '../i18n/i18n';
import { periodLabel } from './periods';

/** One count: its number in the reader's format, or "suppressed" (hatched), never a number. `at`: label and period, for tests and styles. */
function Cell({ cell, at }: { cell: StatCellData; at: string }) {
  const i18n = useI18n();
  if (cell.suppressed || cell.value === null) {
    return <td className="count suppressed" data-cell={at}>{i18n.t('dashboard.suppressed')}</td>;
  }
  return <td className="count" data-cell={at}>{i18n.number(cell.value)}</td>;
}

/**
 * A figure's table: one row per period, one column per label, and the totals as the API gives
 * them. It is what a screen reader reads for the chart beside it, and what the CSV holds.
 */
export function FigureTable({ title, series, labelOf }: { title: string; series: readonly StatSeriesData[]; labelOf(label: string): string }) {
  const i18n = useI18n();
  const id = useId();
  const periods = series[0]?.periods.map((p) => p.period) ?? [];
  return (
    <div className="table-wrap figure-table" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id} className="visually-hidden">{i18n.t('dashboard.tableRegion', { title })}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('dashboard.period')}</th>
            {series.map((s) => <th scope="col" key={s.label}>{labelOf(s.label)}</th>)}
          </tr>
        </thead>
        <tbody>
          {periods.map((period, row) => (
            <tr key={period}>
              <th scope="row">{periodLabel(i18n, period)}</th>
              {series.map((s) => <Cell key={s.label} cell={s.periods[row]!.count} at={`${s.label} ${period}`} />)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{i18n.t('dashboard.total')}</th>
            {series.map((s) => <Cell key={s.label} cell={s.total} at={`${s.label} total`} />)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
