import type { SqliteStore } from '../store/sqlite';
import { periodLabels, quarterBlockOf, sqlBounds, type StatisticsPeriod } from './period';
import { publishSeries, type StatCell } from './suppression';

/**
 * One figure an agency publishes, e.g. police interventions by kind: a single aggregate query in
 * the agency's own store. Only the counts per label and month leave SQLite, never a record.
 */
export interface Figure {
  /** The breakdown's values in the order published; `['ALL']` for a figure without breakdown. */
  labels: readonly string[];
  /**
   * Selects `label`, `month` (YYYY-MM) and `n` (the count), grouped by label and month, over an
   * indexed date column bounded by the named parameters `@from` (inclusive) and `@until`
   * (exclusive); `@now` is bound too. Checked for its index use by tests/unit/statisticsQueries.test.ts.
   */
  sql: string;
  /** The schema field is one `StatSeries` (label ALL) rather than a list of them. */
  single?: boolean;
}

/** A row of a figure's query. */
export interface MonthCount {
  label: string;
  month: string;
  n: number;
}

/** `StatSeries` as resolved. */
export interface SeriesView {
  label: string;
  periods: { period: string; count: StatCell }[];
  total: StatCell;
}

/**
 * Runs a figure's query over the quarters around a period (the small-cell rule needs them) and
 * publishes one series per label, with every label and
 * every period present (zeros included), so that which rows exist tells nothing either. A label
 * the store holds but the figure does not list (a new kind, say) is published after the others
 * rather than dropped, so that no record goes uncounted.
 */
export function computeFigure(store: SqliteStore, figure: Figure, period: StatisticsPeriod, now?: Date): SeriesView[] {
  const rows = store.all<MonthCount>(figure.sql, sqlBounds(period, now));
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
