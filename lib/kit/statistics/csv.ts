/**
 * The statistics CSV (docs/statistics.md, Asking for figures), written from an answer of
 * `Query.statistics`. Pure and free of Node and GraphQL: the gateway's `/statistics.csv` route and
 * the console's dashboard both write it with this code, so the file a coordinator downloads from
 * the dashboard is, byte for byte, the one the route gives for the same answer.
 */

export const CSV_COLUMNS = ['agency', 'series', 'label', 'period', 'value', 'suppressed'] as const;

/** A count as the API publishes it: `value` null when suppressed. */
export interface StatCellData {
  value: number | null;
  suppressed: boolean;
}

/** A `StatSeries` as the API publishes it. */
export interface StatSeriesData {
  label: string;
  periods: { period: string; count: StatCellData }[];
  total: StatCellData;
}

/** One agency's figures: each figure is one series or a list of them (a breakdown). */
export type AgencyFiguresData = Record<string, StatSeriesData | StatSeriesData[]>;

/** `Query.statistics` as answered: the period, and each agency's figures or null when it did not answer. */
export type StatisticsData = Record<string, AgencyFiguresData | null | string> & { from: string; to: string; granularity: string };

/** One agency's field on `Statistics` and the names of its figures, in schema order. */
export interface AgencyFigures {
  field: string;
  agency: string;
  figures: string[];
}

/** The series of a figure as a list: a figure without breakdown is one series (label ALL). */
export function seriesOf(value: StatSeriesData | StatSeriesData[] | undefined): StatSeriesData[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The figures of one agency in an answer, or null when the agency did not answer. */
export function agencyData(data: StatisticsData, field: string): AgencyFiguresData | null {
  const own = data[field];
  return own !== null && typeof own === 'object' ? own : null;
}

/**
 * The operation asking for every figure of every agency. The CSV route and the console's
 * dashboard send it (under their own names), so both always cover the same figures.
 */
export function statisticsQuery(agencyFigures: readonly AgencyFigures[], operationName = 'StatisticsCsv'): string {
  const agencies = agencyFigures.map(({ field, figures }) => `${field} { ${figures.map((f) => `${f} { ...Series }`).join(' ')} }`);
  return `query ${operationName}($period: StatisticsPeriodInput!) {
  statistics(period: $period) { from to granularity ${agencies.join(' ')} }
}
fragment Series on StatSeries { label periods { period count { value suppressed } } total { value suppressed } }`;
}

/**
 * One CSV field (RFC 4180 quoting). A label comes from an agency's store: one that starts like a
 * formula gets a leading apostrophe, so a spreadsheet shows it rather than runs it.
 */
function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(values: readonly (string | number | boolean | null)[]): string {
  return values.map((value) => csvField(value === null ? '' : String(value))).join(',');
}

/**
 * The figures as CSV, one row per series and period plus one `total` row per series; a
 * suppressed count has an empty value. An agency that did not answer has one `UNAVAILABLE` row,
 * so a partial file never reads as a complete one.
 */
export function renderStatisticsCsv(data: StatisticsData, agencyFigures: readonly AgencyFigures[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { field, agency, figures } of agencyFigures) {
    const own = agencyData(data, field);
    if (own === null) {
      lines.push(row([agency, 'UNAVAILABLE', null, null, null, null]));
      continue;
    }
    for (const figure of figures) {
      for (const series of seriesOf(own[figure])) {
        for (const { period, count } of series.periods) lines.push(row([agency, figure, series.label, period, count.value, count.suppressed]));
        lines.push(row([agency, figure, series.label, 'total', series.total.value, series.total.suppressed]));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The file name the CSV route gives: `statistics-<from>-<to>-<granularity>.csv`. */
export function statisticsCsvFilename(data: Pick<StatisticsData, 'from' | 'to' | 'granularity'>): string {
  return `statistics-${data.from}-${data.to}-${data.granularity.toLowerCase()}.csv`;
}
