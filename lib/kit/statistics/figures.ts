import type { FigureBounds, MonthCount } from '../store/agencyStore';
import type { SqliteStore } from '../store/sqlite';
import { periodLabels, quarterBlockOf, sqlBounds, type StatisticsPeriod } from './period';
import { publishSeries, type StatCell } from './suppression';

export type { MonthCount } from '../store/agencyStore';

/** One figure an agency publishes, e.g. police interventions by kind, as its schema field has it. */
export interface Figure {
  /** The breakdown's values in the order published; `['ALL']` for a figure without breakdown. */
  labels: readonly string[];
  /** The schema field is one `StatSeries` (label ALL) rather than a list of them. */
  single?: boolean;
}

/**
 * A figure counted in a SQLite store by a single aggregate query: only the counts per label and
 * month leave SQLite, never a record.
 */
export interface SqlFigure extends Figure {
  /**
   * Selects `label`, `month` (YYYY-MM) and `n` (the count), grouped by label and month, over an
   * indexed date column bounded by the named parameters `@from` (inclusive) and `@until`
   * (exclusive); `@now` is bound too. Checked for its index use by tests/unit/statisticsQueries.test.ts.
   */
  sql: string;
}

/** Runs a figure's query over `bounds`. */
export function countSqlFigure(store: SqliteStore, sql: string, bounds: FigureBounds): MonthCount[] {
  return store.all<MonthCount>(sql, { ...bounds });
}

/** `StatSeries` as resolved. */
export interface SeriesView {
  label: string;
  periods: { period: string; count: StatCell }[];
  total: StatCell;
}

/**
 * Publishes a figure's counts over the quarters around a period (the small-cell rule needs them):
 * one series per label, with every label and every period present (zeros included), so that which
 * rows exist tells nothing either. A label the store holds but the figure does not list (a new
 * kind, say) is published after the others rather than dropped, so that no record goes uncounted.
 * @param rows - the figure's counts over `sqlBounds(period)`, from the agency's store.
 */
export function publishFigure(figure: Figure, rows: readonly MonthCount[], period: StatisticsPeriod): SeriesView[] {
  const counts = new Map<string, Map<string, number>>(figure.labels.map((label) => [label, new Map()]));
  for (const row of rows) {
    const byMonth = counts.get(row.label) ?? new Map<string, number>();
    byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + row.n);
    counts.set(row.label, byMonth);
  }
  const unlisted = [...counts.keys()].filter((label) => !figure.labels.includes(label)).sort();
  const labels = periodLabels(period);
  const block = quarterBlockOf(period);
  const shape = { granularity: period.granularity, first: block.first, last: block.last };
  return [...figure.labels, ...unlisted].map((label) => {
    const byMonth = counts.get(label)!;
    const published = publishSeries(block.months.map((month) => byMonth.get(month) ?? 0), shape);
    return {
      label,
      periods: labels.map((period, i) => ({ period, count: published.periods[i]! })),
      total: published.total,
    };
  });
}

/** `publishFigure` of a figure counted in a SQLite store (`countSqlFigure`). */
export function computeFigure(store: SqliteStore, figure: SqlFigure, period: StatisticsPeriod, now?: Date): SeriesView[] {
  return publishFigure(figure, countSqlFigure(store, figure.sql, sqlBounds(period, now)), period);
}
