import path from 'node:path';
import { FILE_FIELDS, type AgencyId } from '../../lib/agencies';
import { agencyDir } from '../../subgraphs/registry';
import type { SqliteStore } from '../../lib/kit/store/sqlite';

/**
 * The figures the statistics API must publish, worked out here independently of lib/statistics:
 * records read one by one with plain SELECTs from each agency's store, counted per month in
 * JavaScript, and the small-cell rule of docs/statistics.md applied by its own small
 * implementation.
 */

/** One record a figure counts: its identity (counted once), its label, its day or date-time. */
export interface Counted {
  key: string;
  label: string;
  day: string;
}

export interface ExpectedFigure {
  labels: string[];
  records: (store: SqliteStore, now: string) => Counted[];
}

export const ALL = ['ALL'];
/** A figure's records: one plain SELECT of `key`, `label` and `day`. */
export const rows = (sql: string) => (store: SqliteStore) => store.all<Counted>(sql);

/** How one agency's figures are counted from plain records, by figure name. */
export type ExpectedFigures = Record<string, ExpectedFigure>;

/**
 * Each agency's figures and its field on `Statistics`, found by the agency's id: its own folder
 * says how each of its figures is counted (`subgraphs/<id>/tests/expectedFigures.ts`).
 */
export function expectedOf(agency: AgencyId): { field: string; figures: ExpectedFigures } {
  const { expectedFigures } = require(path.join(agencyDir(agency), 'tests', 'expectedFigures')) as { expectedFigures: ExpectedFigures };
  return { field: FILE_FIELDS[agency]!, figures: expectedFigures };
}

/** Distinct records per label and month (YYYY-MM). */
export function countByMonth(records: readonly Counted[]): Map<string, number> {
  const keys = new Map<string, Set<string>>();
  for (const record of records) {
    const cell = `${record.label}/${record.day.slice(0, 7)}`;
    keys.set(cell, (keys.get(cell) ?? new Set()).add(record.key));
  }
  return new Map([...keys].map(([cell, set]) => [cell, set.size]));
}

export interface ExpectedCell {
  value: number | null;
  suppressed: boolean;
}
const HIDDEN: ExpectedCell = { value: null, suppressed: true };
const isSmall = (n: number) => n >= 1 && n <= 4;

function monthsFrom(first: string, count: number): string[] {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 + i, 1)).toISOString().slice(0, 7));
}

/**
 * One series as the small-cell rule publishes it, written out again from docs/statistics.md:
 * months of 1..4 hidden, with them the smallest month of 5 or more of their quarter; a quarter
 * hidden when it has small months and none of 5 or more; a total hidden when any part is.
 */
export function expectedSeries(count: (month: string) => number, from: string, to: string, granularity: 'MONTH' | 'QUARTER') {
  const start = `${from.slice(0, 5)}${String(Math.floor((Number(from.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const periods: { period: string; count: ExpectedCell }[] = [];
  const parts: ExpectedCell[] = [];
  for (let q = 0; ; q += 1) {
    const months = monthsFrom(start, q * 3 + 3).slice(q * 3);
    if (months[0]! > to.slice(0, 7)) break;
    const counts = months.map(count);
    const large = counts.filter((n) => n >= 5);
    const complement = counts.some(isSmall) && large.length > 0 ? Math.min(...large) : -1;
    const monthCells = counts.map((n) => (isSmall(n) || n === complement ? HIDDEN : { value: n, suppressed: false }));
    const sum = counts.reduce((a, b) => a + b, 0);
    const quarterCell = counts.some(isSmall) && large.length === 0 ? HIDDEN : { value: sum, suppressed: false };
    const inRange = months.map((m) => m >= from.slice(0, 7) && m <= to.slice(0, 7));
    if (granularity === 'QUARTER') {
      periods.push({ period: `${months[0]!.slice(0, 4)}-Q${Math.floor((Number(months[0]!.slice(5, 7)) - 1) / 3) + 1}`, count: quarterCell });
    } else {
      months.forEach((m, i) => inRange[i] && periods.push({ period: m, count: monthCells[i]! }));
    }
    if (inRange.every(Boolean)) parts.push(quarterCell);
    else monthCells.forEach((cell, i) => inRange[i] && parts.push(cell));
  }
  const total = parts.some((p) => p.suppressed) ? HIDDEN : { value: parts.reduce((a, p) => a + (p.value ?? 0), 0), suppressed: false };
  return { periods, total };
}
