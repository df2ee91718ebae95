import { useCallback, useMemo } from 'react';
import { seriesOf, type AgencyFiguresData } from '../../../lib/kit/statistics/csv';
import { useI18n } from '../i18n/i18n';
import { FigureChart } from './FigureChart';
import { FigureTable } from './FigureTable';
import type { DashboardAgency, DashboardFigure } from './figureTypes';
import { labelTitle } from './names';

/**
 * One figure: its title, its chart and, beside it, its table; for an agency that did not answer,
 * the title and "no figures from <agency>" instead (never zeros).
 */
export function FigureView({ agency, agencyName, figure, data }: {
  agency: DashboardAgency;
  agencyName: string;
  figure: DashboardFigure;
  /** The agency's figures, or null when it did not answer. */
  data: AgencyFiguresData | null;
}) {
  const i18n = useI18n();
  const title = i18n.pick(figure.title);
  const labelOf = useCallback((label: string) => labelTitle(i18n, agency, figure, label), [i18n, agency, figure]);
  // The same array for the same answer: a new one would make the chart draw itself again.
  const series = useMemo(() => (data ? seriesOf(data[figure.name]) : []), [data, figure.name]);
  return (
    <figure className="figure card" data-figure={`${agency.agency}.${figure.name}`}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      {data === null || series.length === 0 ? (
        <p className="no-figures" data-testid="no-figures">{i18n.t('dashboard.noFigures', { agency: agencyName })}</p>
      ) : (
        <div className="figure-body">
          <FigureChart title={title} series={series} labelOf={labelOf} />
          <FigureTable title={title} series={series} labelOf={labelOf} />
        </div>
      )}
    </figure>
  );
}
