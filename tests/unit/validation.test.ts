import type { GraphQLError } from 'graphql';
import {
  requireCurrentPeriod,
  requireDistinctList,
  requireFreeText,
  requireIsoDateTime,
  requireUpcomingDate,
} from '../../lib/validation';

function refusal(check: () => unknown): { field: unknown; message: string } | null {
  try {
    check();
    return null;
  } catch (error) {
    const { extensions, message } = error as GraphQLError;
    return { field: extensions.field, message };
  }
}

describe('generic input checks', () => {
  it.each([
    ['2026-11-01T09:00:00Z', '2026-11-01T09:00:00.000Z'],
    ['2026-11-01T10:30+01:00', '2026-11-01T09:30:00.000Z'],
    ['2026-11-01T00:15:00.5-02:00', '2026-11-01T02:15:00.500Z'],
  ])('normalises the date-time %s to UTC', (given, expected) => {
    expect(requireIsoDateTime('at', given)).toBe(expected);
  });

  it.each(['2026-11-01', '2026-11-01T09:00:00', '2026-02-30T09:00:00Z', '2026-11-01T24:00:00Z', '2026-11-01T09:60Z', 'soon'])(
    'refuses %s as a date-time, naming the field',
    (given) => {
      expect(refusal(() => requireIsoDateTime('input.at', given))).toEqual({
        field: 'input.at', message: 'Invalid input.at: must be a date-time with time zone, e.g. 2026-11-01T09:00:00Z.',
      });
    },
  );

  it('accepts a period that has begun and runs on, and refuses one that ends first, runs too long or is over', () => {
    const now = new Date('2026-11-01T12:00:00.000Z');
    const check = (start: string, end: string, maxHours?: number) => refusal(() => requireCurrentPeriod('from', start, 'until', end, { now, maxHours }));
    expect(check('2026-10-01T00:00:00.000Z', '2026-11-01T12:00:01.000Z')).toBeNull();
    expect(check('2026-11-01T13:00:00.000Z', '2026-11-02T01:00:00.000Z', 12)).toBeNull();
    expect(check('2026-11-02T00:00:00.000Z', '2026-11-01T13:00:00.000Z')?.message).toBe('Invalid until: must be after from.');
    expect(check('2026-11-01T13:00:00.000Z', '2026-11-02T01:00:00.001Z', 12)?.message).toBe('Invalid until: must be at most 12 hours after from.');
    expect(check('2026-10-01T00:00:00.000Z', '2026-11-01T12:00:00.000Z')?.message).toBe('Invalid until: must lie in the future.');
  });

  it('lets line breaks through in free text but no other control character', () => {
    expect(requireFreeText('text', ' one\nline\ttwo ')).toBe('one\nline\ttwo');
    expect(refusal(() => requireFreeText('text', 'bell\u0007'))?.message).toBe('Invalid text: must not contain control characters.');
    expect(refusal(() => requireFreeText('text', 'x'.repeat(11), 10))?.message).toBe('Invalid text: must be at most 10 characters.');
  });

  it('accepts today as a due date but not yesterday', () => {
    const today = new Date('2026-11-01T23:00:00Z');
    expect(requireUpcomingDate('due', '2026-11-01', today)).toBe('2026-11-01');
    expect(refusal(() => requireUpcomingDate('due', '2026-10-31', today))?.message).toBe('Invalid due: must not lie in the past.');
  });

  it('refuses an empty list and a repeated entry', () => {
    expect(requireDistinctList('xs', ['a', 'b'])).toEqual(['a', 'b']);
    expect(refusal(() => requireDistinctList('xs', []))?.message).toBe('Invalid xs: must not be empty.');
    expect(refusal(() => requireDistinctList('xs', ['a', 'a']))?.message).toBe('Invalid xs: must not repeat an entry.');
  });
});
