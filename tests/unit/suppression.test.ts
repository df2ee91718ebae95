import { publishSeries, type RangeShape, type StatCell } from '../../lib/kit/statistics/suppression';
import { complementPerRange, exactTotals, recoveredMonths, roundedTotals, type Publication } from '../helpers/smallCellAttack';

const S: StatCell = { value: null, suppressed: true };
const shown = (value: number): StatCell => ({ value, suppressed: false });
const months = (first: number, last: number): RangeShape => ({ granularity: 'MONTH', first, last });
const quarters = (first: number, last: number): RangeShape => ({ granularity: 'QUARTER', first, last });

/**
 * Everything OneRoof publishes of two quarters of one series, for every month range and every
 * quarter range, written compactly (s: suppressed) so that the attacker can compare quickly.
 */
function oneRoof(counts: number[]): Publication {
  const figures: string[] = [];
  const write = (cells: StatCell[]) => cells.map((c) => (c.suppressed ? 's' : String(c.value))).join(',');
  const publish = (shape: RangeShape) => {
    const { periods, total } = publishSeries(counts, shape);
    const small = [...periods, total].find((c) => c.value !== null && c.value >= 1 && c.value <= 4);
    if (small) throw new Error(`published ${small.value} for ${counts.join(',')}`);
    figures.push(`${write(periods)}|${write([total])}`);
  };
  for (let first = 0; first < 6; first += 1) for (let last = first; last < 6; last += 1) publish(months(first, last));
  for (const [first, last] of [[0, 2], [3, 5], [0, 5]] as const) publish(quarters(first, last));
  const view = publishSeries(counts, months(0, 5)).periods;
  return { figures: figures.join(' '), suppressed: view.flatMap((cell, i) => (cell.suppressed ? [i] : [])) };
}

describe('the small-cell rule', () => {
  it.each([
    [0, 'shown'], [1, 'suppressed'], [2, 'suppressed'], [3, 'suppressed'], [4, 'suppressed'], [5, 'shown'], [6, 'shown'], [12, 'shown'],
  ])('a month of %i is %s', (count, verdict) => {
    expect(publishSeries([count, 0, 0], months(0, 0)).periods).toEqual([verdict === 'shown' ? shown(count) : S]);
  });

  it('publishes every month, quarter and total exactly when no month is between 1 and 4', () => {
    expect(publishSeries([0, 9, 12], months(0, 2))).toEqual({ periods: [shown(0), shown(9), shown(12)], total: shown(21) });
    expect(publishSeries([0, 9, 12], quarters(0, 2))).toEqual({ periods: [shown(21)], total: shown(21) });
  });

  it('hides a small month behind the smallest month of 5 or more in its quarter, and publishes the quarter', () => {
    expect(publishSeries([3, 9, 12], months(0, 2)).periods).toEqual([S, S, shown(12)]);
    expect(publishSeries([3, 9, 12], quarters(0, 2))).toEqual({ periods: [shown(24)], total: shown(24) });
    // Why that is safe: exchanging the small month with its complement publishes the same figures.
    expect(oneRoof([9, 3, 12, 0, 0, 0]).figures).toEqual(oneRoof([3, 9, 12, 0, 0, 0]).figures);
  });

  it('suppresses every month holding that smallest count, so none of them is left to compare with', () => {
    expect(publishSeries([2, 7, 7], months(0, 2)).periods).toEqual([S, S, S]);
    expect(publishSeries([2, 7, 7], quarters(0, 2)).periods).toEqual([shown(16)]);
  });

  it('suppresses the quarter when no month of 5 or more can hide its small months', () => {
    expect(publishSeries([4, 4, 0], quarters(0, 2)).periods).toEqual([S]);
    expect(publishSeries([3, 0, 0], quarters(0, 2)).periods).toEqual([S]);
    expect(publishSeries([4, 4, 0], months(0, 2)).periods).toEqual([S, S, shown(0)]);
  });

  it('chooses complements within the calendar quarter, whatever range is asked for', () => {
    const counts = [3, 9, 12, 20, 30, 40];
    expect(publishSeries(counts, months(1, 3))).toEqual({ periods: [S, shown(12), shown(20)], total: S });
    expect(publishSeries(counts, months(3, 5))).toEqual({ periods: [shown(20), shown(30), shown(40)], total: shown(90) });
  });

  it('publishes a total only when every quarter and month it is made of is published', () => {
    expect(publishSeries([3, 9, 12, 20, 30, 40], months(0, 5)).total).toEqual(shown(114));
    expect(publishSeries([3, 9, 12, 20, 30, 40], months(2, 5)).total).toEqual(shown(102));
    expect(publishSeries([3, 0, 0, 20, 30, 40], months(0, 5)).total).toEqual(S);
    expect(publishSeries([3, 0, 0, 20, 30, 40], quarters(0, 5))).toEqual({ periods: [S, shown(90)], total: S });
  });

  it('refuses a block that is not made of whole quarters', () => {
    expect(() => publishSeries([1, 2], months(0, 1))).toThrow('whole quarters');
  });
});

describe('an attacker who knows the rule and sees every range and granularity', () => {
  // Two quarters, with zeros, both ends of 1..4 (where bounds pin a count), ties just above the
  // threshold, and a larger count; 46,656 tables, each published for 24 ranges.
  const DOMAIN = [0, 1, 4, 5, 6, 9];
  const SMALL_DOMAIN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  it('recovers no suppressed month from OneRoof figures, nor finds a count between 1 and 4', () => {
    expect(recoveredMonths(oneRoof, 6, DOMAIN)).toEqual([]);
  });

  it('finds the suppressed months of a published quarter adding up to at least 6', () => {
    for (const quarter of [[1, 5, 0], [4, 0, 5], [1, 1, 9], [4, 4, 5], [2, 6, 6]]) {
      const published = publishSeries(quarter, quarters(0, 2)).periods[0]!;
      const hidden = publishSeries(quarter, months(0, 2)).periods.flatMap((cell, i) => (cell.suppressed ? [quarter[i]!] : []));
      expect(published.suppressed).toBe(false);
      expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6);
    }
  });

  // The opposites: the same attacker defeats the rules that were considered and rejected.
  it('recovers a month subtracted from an exact total', () => {
    expect(recoveredMonths(exactTotals, 3, SMALL_DOMAIN)).toContainEqual({ months: [2, 5, 9], month: 0, value: 2 });
  });

  it('recovers a month from a total rounded to base 5 (published 6, total 7 shown as 5)', () => {
    expect(recoveredMonths(roundedTotals, 2, SMALL_DOMAIN)).toContainEqual({ months: [6, 1], month: 1, value: 1 });
  });

  it('recovers a month from complementary suppression chosen per range, by comparing two ranges', () => {
    expect(recoveredMonths(complementPerRange, 3, SMALL_DOMAIN)).toContainEqual({ months: [2, 5, 9], month: 0, value: 2 });
  });
});
