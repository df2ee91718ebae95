import type { Granularity } from './period';

/**
 * The small-cell rule (docs/statistics.md). Counts are made per calendar month, and every month
 * belongs to its calendar quarter, whatever range is asked for:
 * 1. A month of 1 to 4 is suppressed (primary suppression).
 * 2. In a quarter with a suppressed month, the months holding the quarter's smallest count of 5 or
 *    more are suppressed with it (complementary suppression). If the quarter has no such month,
 *    the quarter itself is suppressed instead.
 * 3. A quarter is otherwise published exactly; a total is published only when every quarter and
 *    month it is made of is, and is then their sum.
 * Within a quarter, exchanging the count of a small month with that of a complementary one leaves
 * every published figure as it was, in any answer, for any range or granularity: no suppressed
 * count can be worked out, and the suppressed months of a quarter never add up to less than 6.
 *
 * Rounding totals to base 5 was rejected: with a suppressed month known to lie in 1..4, a rounded
 * total can pin it (published months 21, true total 22 shown as 20: the month is 1). Choosing the
 * complementary cell per answer, over the range asked for, was rejected too: two overlapping
 * ranges then give a month away. tests/unit/suppression.test.ts carries out both attacks.
 */

/** One figure as published. */
export interface StatCell {
  value: number | null;
  suppressed: boolean;
}

/** The smallest count that is shown; 0 is shown as well. */
export const SMALLEST_SHOWN = 5;

const SUPPRESSED: StatCell = Object.freeze({ value: null, suppressed: true });

/** Whether a count lies between 1 and 4 and so could single someone out. */
export function isSmallCount(count: number): boolean {
  return count >= 1 && count < SMALLEST_SHOWN;
}

function shown(count: number): StatCell {
  if (!Number.isInteger(count) || count < 0) throw new Error(`not a count: ${count}`);
  return isSmallCount(count) ? SUPPRESSED : { value: count, suppressed: false };
}

/** The three months of one calendar quarter as published (rules 1 and 2). */
export function quarterMonths(months: readonly number[]): StatCell[] {
  if (!months.some(isSmallCount)) return months.map(shown);
  const large = months.filter((count) => count >= SMALLEST_SHOWN);
  const complement = large.length > 0 ? Math.min(...large) : null;
  return months.map((count) => (isSmallCount(count) || count === complement ? SUPPRESSED : shown(count)));
}

/** One calendar quarter's sum as published (rules 2 and 3). */
export function quarterSum(months: readonly number[]): StatCell {
  if (months.some(isSmallCount) && !months.some((count) => count >= SMALLEST_SHOWN)) return SUPPRESSED;
  return shown(months.reduce((sum, count) => sum + count, 0));
}

/** A sum of published parts: suppressed when any part is (rule 3). */
export function sumOf(parts: readonly StatCell[]): StatCell {
  if (parts.some((part) => part.suppressed)) return SUPPRESSED;
  return shown(parts.reduce((sum, part) => sum + (part.value ?? 0), 0));
}

/**
 * Which months of a block of whole calendar quarters a range covers: `first` and `last` are
 * offsets into the block (0 = the first month of the first quarter).
 */
export interface RangeShape {
  granularity: Granularity;
  first: number;
  last: number;
}

export interface PublishedSeries {
  periods: StatCell[];
  total: StatCell;
}

/**
 * One series as published.
 * @param block - the counts of every month of the calendar quarters the range touches, oldest
 *   first; its length is a multiple of 3. Months outside the range decide complements only.
 */
export function publishSeries(block: readonly number[], shape: RangeShape): PublishedSeries {
  if (block.length % 3 !== 0 || shape.first < 0 || shape.last >= block.length || shape.last < shape.first) {
    throw new Error('a series needs whole quarters around its range');
  }
  const quarters = Array.from({ length: block.length / 3 }, (_, q) => block.slice(q * 3, q * 3 + 3));
  const months = quarters.flatMap(quarterMonths);
  // The total is made of the quarters the range covers whole, and the months of the others.
  const parts: StatCell[] = [];
  quarters.forEach((quarter, q) => {
    const [start, end] = [q * 3, q * 3 + 2];
    if (end < shape.first || start > shape.last) return;
    if (start >= shape.first && end <= shape.last) parts.push(quarterSum(quarter));
    else for (let m = Math.max(start, shape.first); m <= Math.min(end, shape.last); m += 1) parts.push(months[m]!);
  });
  const periods =
    shape.granularity === 'MONTH'
      ? months.slice(shape.first, shape.last + 1)
      : quarters.slice(shape.first / 3, (shape.last + 1) / 3).map(quarterSum);
  return { periods, total: sumOf(parts) };
}
