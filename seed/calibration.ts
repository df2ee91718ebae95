import type { AgencyId } from '../lib/agencies';
import { computeFigure, type Figure } from '../lib/statistics/figures';
import type { StatisticsPeriod } from '../lib/statistics/period';
import type { SqliteStore } from '../lib/store/sqlite';
import { fullYears, type World } from '../lib/seed/world';
import { FJC_FIGURES } from '../subgraphs/fjc/statistics';
import { HOUSING_FIGURES } from '../subgraphs/housing/statistics';
import { MENTAL_HEALTH_FIGURES } from '../subgraphs/mental-health/statistics';
import { PERPETRATOR_PROGRAM_FIGURES } from '../subgraphs/perpetrator-programs/statistics';
import { POLICE_FIGURES } from '../subgraphs/police/statistics';
import { PROBATION_FIGURES } from '../subgraphs/probation/statistics';
import { YOUTH_CARE_FIGURES } from '../subgraphs/youth-care/statistics';

/**
 * How a generated dataset measures up to its calibration (docs/statistics.md, The synthetic world):
 * the police's interventions a year, and how many cells of each agency's figures the small-cell
 * rule shows. Counted in the stores with the agencies' own figure queries, as the API counts.
 */

/** Every agency's figures, as its subgraph publishes them. */
export const AGENCY_FIGURES: Record<AgencyId, Record<string, Figure>> = {
  fjc: FJC_FIGURES,
  police: POLICE_FIGURES,
  probation: PROBATION_FIGURES,
  'perpetrator-programs': PERPETRATOR_PROGRAM_FIGURES,
  'youth-care': YOUTH_CARE_FIGURES,
  housing: HOUSING_FIGURES,
  'mental-health': MENTAL_HEALTH_FIGURES,
};

export interface CellCounts {
  shown: number;
  suppressed: number;
}

/** An agency's cells over a period, as the statistics API publishes them: one per series and period, and the series' totals. */
export interface PublishedCells {
  periods: CellCounts;
  totals: CellCounts;
}

/** Counts the cells of every figure of one agency that the small-cell rule shows and suppresses over `period`. */
export function publishedCells(store: SqliteStore, agency: AgencyId, period: StatisticsPeriod, now?: Date): PublishedCells {
  const cells: PublishedCells = { periods: { shown: 0, suppressed: 0 }, totals: { shown: 0, suppressed: 0 } };
  for (const figure of Object.values(AGENCY_FIGURES[agency])) {
    for (const series of computeFigure(store, figure, period, now)) {
      for (const { count } of series.periods) cells.periods[count.suppressed ? 'suppressed' : 'shown'] += 1;
      cells.totals[series.total.suppressed ? 'suppressed' : 'shown'] += 1;
    }
  }
  return cells;
}

/** Police domestic-violence interventions (official reports, however many persons each names) per calendar year. */
export function interventionsPerYear(police: SqliteStore): Map<number, number> {
  const rows = police.all<{ year: string; n: number }>(
    'SELECT substr(occurred_at, 1, 4) AS year, count(DISTINCT report_number) AS n FROM interventions GROUP BY year',
  );
  return new Map(rows.map((row) => [Number(row.year), row.n]));
}

/**
 * The range the calibration holds for: whole quarters from the first full year the world covers
 * to the last quarter that ended before `today` (earlier months are the run-in, later ones have
 * not happened yet).
 */
export function calibratedQuarters(world: Pick<World, 'start' | 'today'>): StatisticsPeriod {
  const [first] = fullYears(world);
  if (first === undefined) throw new Error(`the world from ${world.start} to ${world.today} covers no full year`);
  const year = Number(world.today.slice(0, 4));
  const quarter = Math.floor((Number(world.today.slice(5, 7)) - 1) / 3);
  // The day before the current quarter began.
  const to = new Date(Date.UTC(year, quarter * 3, 1) - 86_400_000).toISOString().slice(0, 10);
  return { from: `${first}-01-01`, to, granularity: 'QUARTER' };
}
