import type { AgencyId } from '../lib/agencies';
import type { StoreHandle } from '../lib/kit/agency/agencyModule';
import { publishFigure, type Figure } from '../lib/kit/statistics/figures';
import { sqlBounds, type StatisticsPeriod } from '../lib/kit/statistics/period';
import { fullYears, type World } from '../lib/seed/world';
import { agencyModule } from '../subgraphs/registry';

/**
 * How a generated dataset measures up to its calibration (docs/statistics.md, The synthetic world):
 * how many cells of each agency's figures the small-cell rule shows (each agency's yearly volume
 * is its own: `AgencySeed.yearly`). Counted by the agencies' own stores, as the API counts.
 */

/** An agency's figures, as its subgraph publishes them. */
export function agencyFigures(agency: AgencyId): Record<string, Figure> {
  return agencyModule(agency).figures;
}

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
export async function publishedCells(store: StoreHandle, agency: AgencyId, period: StatisticsPeriod, now?: Date): Promise<PublishedCells> {
  const cells: PublishedCells = { periods: { shown: 0, suppressed: 0 }, totals: { shown: 0, suppressed: 0 } };
  for (const [name, figure] of Object.entries(agencyFigures(agency))) {
    for (const series of publishFigure(figure, await store.figure(name, sqlBounds(period, now)), period)) {
      for (const { count } of series.periods) cells.periods[count.suppressed ? 'suppressed' : 'shown'] += 1;
      cells.totals[series.total.suppressed ? 'suppressed' : 'shown'] += 1;
    }
  }
  return cells;
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
