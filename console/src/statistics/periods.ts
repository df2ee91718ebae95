import { INTL_TAGS, type I18n } from '../i18n/catalog';

export type Granularity = 'MONTH' | 'QUARTER';
export const GRANULARITIES: readonly Granularity[] = ['MONTH', 'QUARTER'];

/** The statistics API's period for one calendar year (docs/statistics.md, Asking for figures). */
export function yearPeriod(year: number, granularity: Granularity): { from: string; to: string; granularity: Granularity } {
  return { from: `${year}-01-01`, to: `${year}-12-31`, granularity };
}

/** The years a coordinator may choose: the last five and this one, newest first. */
export function selectableYears(today: Date): number[] {
  const now = today.getUTCFullYear();
  return Array.from({ length: 6 }, (_, i) => now - i);
}

/** The year a yearly report is about: the last full one. */
export function defaultYear(today: Date): number {
  return today.getUTCFullYear() - 1;
}

/** A period of the API (`2025-03`, `2025-Q1`) in the reader's language: `mrt. 2025`, `K1 2025`. */
export function periodLabel(i18n: I18n, period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return i18n.t('dashboard.quarter', { quarter: quarter[2]!, year: quarter[1]! });
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (!month) return period;
  const format = new Intl.DateTimeFormat(INTL_TAGS[i18n.locale], { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return format.format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
}
