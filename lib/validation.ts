import { AGENCIES, isAgencyId, type AgencyId } from './agencies';
import { badUserInput } from './errors';

/**
 * Argument checks that throw BAD_USER_INPUT naming the field at fault. They run before any write,
 * so a refused mutation changes nothing.
 */
export function requireText(field: string, value: string | null | undefined, maxLength = 200): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badUserInput(field, 'must not be empty.');
  if (text.length > maxLength) throw badUserInput(field, `must be at most ${maxLength} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(text)) throw badUserInput(field, 'must not contain control characters.');
  return text;
}

export function optionalText(field: string, value: string | null | undefined, maxLength = 200): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : requireText(field, value, maxLength);
}

/** An ISO calendar date (YYYY-MM-DD) that exists. */
export function requireIsoDate(field: string, value: string | null | undefined): string {
  const text = requireText(field, value, 10);
  const parsed = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== text) {
    throw badUserInput(field, 'must be a date as YYYY-MM-DD.');
  }
  return text;
}

/** A date that is not in the future (births, registrations). */
export function requirePastDate(field: string, value: string | null | undefined, today = new Date()): string {
  const date = requireIsoDate(field, value);
  if (date > today.toISOString().slice(0, 10)) throw badUserInput(field, 'must not lie in the future.');
  return date;
}

/** A page size within bounds. */
export function requireLimit(field: string, value: number | null | undefined, fallback: number, max: number): number {
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw badUserInput(field, `must be between 1 and ${max}.`);
  return limit;
}

export function requireOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw badUserInput(field, `must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** Like `requireText`, for free text of several lines: line breaks and tabs pass, other control characters do not. */
export function requireFreeText(field: string, value: string | null | undefined, maxLength = 2000): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badUserInput(field, 'must not be empty.');
  if (text.length > maxLength) throw badUserInput(field, `must be at most ${maxLength} characters.`);
  if (/[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/.test(text)) throw badUserInput(field, 'must not contain control characters.');
  return text;
}

/** An identifier such as a staff id or a record id: letters, digits and `._@:-`, at most `maxLength`. */
export function requireIdentifier(field: string, value: string | null | undefined, maxLength = 100): string {
  const text = requireText(field, value, maxLength);
  if (!/^[A-Za-z0-9._@:-]+$/.test(text)) throw badUserInput(field, 'must contain only letters, digits and . _ @ : -.');
  return text;
}

/** One of the agency ids (lib/agencies.ts, docs/interface.md). */
export function requireAgencyId(field: string, value: string | null | undefined): AgencyId {
  if (!isAgencyId(value)) throw badUserInput(field, `must be one of ${AGENCIES.join(', ')}.`);
  return value;
}

/** A date (YYYY-MM-DD) that is today or later: due dates, plans. */
export function requireUpcomingDate(field: string, value: string | null | undefined, today = new Date()): string {
  const date = requireIsoDate(field, value);
  if (date < today.toISOString().slice(0, 10)) throw badUserInput(field, 'must not lie in the past.');
  return date;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 date-time with its time zone (`Z` or `+hh:mm`), e.g. `2026-11-01T09:00:00Z`.
 * @returns the same instant in UTC, as `Date.toISOString()` writes it.
 */
export function requireIsoDateTime(field: string, value: string | null | undefined): string {
  const text = requireText(field, value, 40);
  const match = DATE_TIME.exec(text);
  const parsed = Date.parse(text);
  const valid =
    match !== null &&
    !Number.isNaN(parsed) &&
    isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`) &&
    Number(match[4]) < 24 &&
    Number(match[5]) < 60 &&
    Number(match[6] ?? 0) < 60 &&
    Number(match[7] ?? 0) < 24 &&
    Number(match[8] ?? 0) < 60;
  if (!valid) throw badUserInput(field, 'must be a date-time with time zone, e.g. 2026-11-01T09:00:00Z.');
  return new Date(parsed).toISOString();
}

function isCalendarDate(date: string): boolean {
  const parsed = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === date;
}

export interface PeriodOptions {
  /** Default: the current time. */
  now?: Date;
  /** Longest allowed length in hours; default unlimited. */
  maxHours?: number;
}

/**
 * A period given as two UTC date-times from `requireIsoDateTime`: it must end after it starts, be
 * at most `maxHours` long, and not lie wholly in the past (it may have started already).
 * Refusals name the end field.
 */
export function requireCurrentPeriod(startField: string, start: string, endField: string, end: string, options: PeriodOptions = {}): void {
  if (end <= start) throw badUserInput(endField, `must be after ${startField}.`);
  if (options.maxHours !== undefined && Date.parse(end) - Date.parse(start) > options.maxHours * 3_600_000) {
    throw badUserInput(endField, `must be at most ${options.maxHours} hours after ${startField}.`);
  }
  if (end <= (options.now ?? new Date()).toISOString()) throw badUserInput(endField, 'must lie in the future.');
}

/** A non-empty list without duplicates, at most `maxItems` long; duplicates are refused, not dropped. */
export function requireDistinctList<T>(field: string, values: readonly T[], maxItems = 50): T[] {
  if (values.length === 0) throw badUserInput(field, 'must not be empty.');
  if (values.length > maxItems) throw badUserInput(field, `must have at most ${maxItems} entries.`);
  if (new Set(values).size !== values.length) throw badUserInput(field, 'must not repeat an entry.');
  return [...values];
}
