import { badUserInput } from '../../errors';
import { requireIsoDate } from '../../validation';

export const GRANULARITIES = ['MONTH', 'QUARTER'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * A statistics period: whole calendar months or quarters, from the first day of the first to the
 * last day of the last. Whole periods only, because a range that cut a month would let two
 * answers differ by the records of a few days (docs/statistics.md).
 */
export interface StatisticsPeriod {
  from: string;
  to: string;
  granularity: Granularity;
}

/** The longest range one request may ask for: ten years of months. */
export const MAX_MONTHS = 120;

const MONTHS_PER: Record<Granularity, number> = { MONTH: 1, QUARTER: 3 };

/** Months since year 0 of an ISO date's month: 2026-03-15 -> 2026 * 12 + 2. */
function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthLabel(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** ISO date of the first day of a month. */
function firstDay(index: number): string {
  return `${monthLabel(index)}-01`;
}

/** ISO date of the last day of a month. */
function lastDay(index: number): string {
  const next = Date.UTC(Math.floor((index + 1) / 12), (index + 1) % 12, 1);
  return new Date(next - 86_400_000).toISOString().slice(0, 10);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Validates a period as the FJC received it in `Query.statistics`, or as any agency receives it in
 * an entity representation: nothing a router passes along is trusted.
 * @throws BAD_USER_INPUT naming `period.from`, `period.to` or `period.granularity`.
 */
export function parsePeriod(input: unknown): StatisticsPeriod {
  const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const granularity = text(fields.granularity);
  if (granularity !== 'MONTH' && granularity !== 'QUARTER') throw badUserInput('period.granularity', 'must be MONTH or QUARTER.');
  const from = requireIsoDate('period.from', text(fields.from));
  const to = requireIsoDate('period.to', text(fields.to));
  const step = MONTHS_PER[granularity];
  const unit = granularity === 'MONTH' ? 'month' : 'quarter';
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (from !== firstDay(first) || first % step !== 0) throw badUserInput('period.from', `must be the first day of a ${unit}.`);
  if (to !== lastDay(last) || (last + 1) % step !== 0) throw badUserInput('period.to', `must be the last day of a ${unit}.`);
  if (last < first) throw badUserInput('period.to', 'must not lie before period.from.');
  if (last - first + 1 > MAX_MONTHS) throw badUserInput('period.to', `the range may cover at most ${MAX_MONTHS} months.`);
  return { from, to, granularity };
}

/** The labels of a validated range's periods, oldest first: YYYY-MM or YYYY-Qn. */
export function periodLabels(period: StatisticsPeriod): string[] {
  const step = MONTHS_PER[period.granularity];
  const labels: string[] = [];
  for (let start = monthIndex(period.from); start <= monthIndex(period.to); start += step) {
    labels.push(step === 1 ? monthLabel(start) : `${String(Math.floor(start / 12)).padStart(4, '0')}-Q${Math.floor((start % 12) / 3) + 1}`);
  }
  return labels;
}

/**
 * The whole calendar quarters around a range, which the small-cell rule works on (a month's
 * complement lies in its quarter, whatever the range): their months, and the range's first and
 * last month as offsets into them.
 */
export function quarterBlockOf(period: StatisticsPeriod): { months: string[]; first: number; last: number } {
  const from = monthIndex(period.from);
  const start = from - (from % 3);
  const end = monthIndex(period.to) + 2 - (monthIndex(period.to) % 3);
  const months = Array.from({ length: end - start + 1 }, (_, i) => monthLabel(start + i));
  return { months, first: from - start, last: monthIndex(period.to) - start };
}

/**
 * The SQL parameters of a range's quarters: `@from` inclusive and `@until` (the day after the
 * last quarter) exclusive, which compare correctly with both ISO dates and ISO date-times, and so
 * use a date column's index. `@now` is for figures that must not count what has not happened yet.
 */
export function sqlBounds(period: StatisticsPeriod, now = new Date()): { from: string; until: string; now: string } {
  const { months } = quarterBlockOf(period);
  return { from: `${months[0]!}-01`, until: firstDay(monthIndex(`${months[months.length - 1]!}-01`) + 1), now: now.toISOString() };
}
