import type { GraphQLError } from 'graphql';
import { parsePeriod, periodLabels, quarterBlockOf, sqlBounds } from '../../lib/kit/statistics/period';

function refusal(input: unknown): { field: unknown; message: string } | null {
  try {
    parsePeriod(input);
    return null;
  } catch (error) {
    const { extensions, message } = error as GraphQLError;
    return { field: extensions.field, message };
  }
}

describe('a statistics period', () => {
  it.each([
    [{ from: '2026-01-01', to: '2026-12-31', granularity: 'MONTH' }],
    [{ from: '2026-02-01', to: '2026-02-28', granularity: 'MONTH' }],
    [{ from: '2024-02-01', to: '2024-02-29', granularity: 'MONTH' }],
    [{ from: '2025-10-01', to: '2026-03-31', granularity: 'QUARTER' }],
  ])('accepts whole months or quarters: %j', (input) => {
    expect(parsePeriod(input)).toEqual(input);
  });

  it.each([
    [{ from: '2026-01-02', to: '2026-12-31', granularity: 'MONTH' }, 'period.from', 'must be the first day of a month.'],
    [{ from: '2026-02-01', to: '2026-12-31', granularity: 'QUARTER' }, 'period.from', 'must be the first day of a quarter.'],
    [{ from: '2026-01-01', to: '2026-12-30', granularity: 'MONTH' }, 'period.to', 'must be the last day of a month.'],
    [{ from: '2026-01-01', to: '2026-05-31', granularity: 'QUARTER' }, 'period.to', 'must be the last day of a quarter.'],
    [{ from: '2026-03-01', to: '2026-01-31', granularity: 'MONTH' }, 'period.to', 'must not lie before period.from.'],
    [{ from: '2016-01-01', to: '2026-01-31', granularity: 'MONTH' }, 'period.to', 'the range may cover at most 120 months.'],
    [{ from: '2026-02-30', to: '2026-03-31', granularity: 'MONTH' }, 'period.from', 'must be a date as YYYY-MM-DD.'],
    [{ from: '2026-01-01', to: '2026-01-31', granularity: 'WEEK' }, 'period.granularity', 'must be MONTH or QUARTER.'],
    [{ from: 20260101, to: '2026-01-31', granularity: 'MONTH' }, 'period.from', 'must not be empty.'],
    [null, 'period.granularity', 'must be MONTH or QUARTER.'],
  ])('refuses %j, naming the field', (input, field, problem) => {
    expect(refusal(input)).toEqual({ field, message: `Invalid ${field}: ${problem}` });
  });

  it('labels months YYYY-MM and quarters YYYY-Qn, oldest first', () => {
    expect(periodLabels({ from: '2025-11-01', to: '2026-02-28', granularity: 'MONTH' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodLabels({ from: '2025-10-01', to: '2026-06-30', granularity: 'QUARTER' })).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('is counted over the whole quarters around it, which the small-cell rule works on', () => {
    const period = { from: '2025-11-01', to: '2026-01-31', granularity: 'MONTH' } as const;
    expect(quarterBlockOf(period)).toEqual({ months: ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'], first: 1, last: 3 });
    expect(sqlBounds(period, new Date('2026-11-01T00:00:00Z'))).toEqual({ from: '2025-10-01', until: '2026-04-01', now: '2026-11-01T00:00:00.000Z' });
  });
});
