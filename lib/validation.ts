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
