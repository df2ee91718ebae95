import type http from 'node:http';
import { buildASTSchema, getNamedType, GraphQLError, isObjectType, parse, type GraphQLFormattedError } from 'graphql';
import { AGENCIES } from '../lib/agencies';
import { auditField } from '../lib/audit/auditSchema';
import { badUserInput } from '../lib/errors';
import { parsePeriod, type StatisticsPeriod } from '../lib/statistics/period';
import { callerContext, mountOperationRoute, runOperation, type OperationRouteOptions } from './operationRoute';

export interface StatisticsCsvOptions extends OperationRouteOptions {
  /** The supergraph, whose `Statistics` type says which figures there are. */
  supergraphSdl: string;
}

const ROUTE = '/statistics.csv';
const KEY_FIELDS = ['from', 'to', 'granularity'];
export const CSV_COLUMNS = ['agency', 'series', 'label', 'period', 'value', 'suppressed'] as const;

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Series {
  label: string;
  periods: { period: string; count: Cell }[];
  total: Cell;
}
type Figures = Record<string, Series | Series[]>;
type StatisticsData = { statistics: (Record<string, Figures | null | string> & { from: string; to: string; granularity: string }) | null };

/** One agency's field on `Statistics` and the names of its figures. */
export interface AgencyFigures {
  field: string;
  agency: string;
  figures: string[];
}

/** Each agency's field on `Statistics` and its figures, as the supergraph has them, in agency order. */
export function figuresOf(supergraphSdl: string): AgencyFigures[] {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const statistics = schema.getType('Statistics');
  if (!isObjectType(statistics)) return [];
  const agencyOf = (field: string) => AGENCIES.find((agency) => auditField(agency) === field) ?? field;
  return Object.values(statistics.getFields())
    .filter((field) => !KEY_FIELDS.includes(field.name) && isObjectType(getNamedType(field.type)))
    .map((field) => {
      const type = getNamedType(field.type);
      const figures = isObjectType(type) ? Object.values(type.getFields()).filter((f) => getNamedType(f.type).name === 'StatSeries') : [];
      return { field: field.name, agency: agencyOf(field.name), figures: figures.map((f) => f.name) };
    })
    .sort((a, b) => (AGENCIES as readonly string[]).indexOf(a.agency) - (AGENCIES as readonly string[]).indexOf(b.agency));
}

/** The operation the CSV runs: every figure of every agency, so the file and `/graphql` always agree. */
export function statisticsCsvQuery(agencyFigures: readonly AgencyFigures[]): string {
  const agencies = agencyFigures.map(({ field, figures }) => `${field} { ${figures.map((f) => `${f} { ...Series }`).join(' ')} }`);
  return `query StatisticsCsv($period: StatisticsPeriodInput!) {
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
export function renderStatisticsCsv(data: NonNullable<StatisticsData['statistics']>, agencyFigures: readonly AgencyFigures[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { field, agency, figures } of agencyFigures) {
    const own = data[field];
    if (own === null || typeof own !== 'object') {
      lines.push(row([agency, 'UNAVAILABLE', null, null, null, null]));
      continue;
    }
    for (const figure of figures) {
      const value = own[figure];
      for (const series of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
        for (const { period, count } of series.periods) lines.push(row([agency, figure, series.label, period, count.value, count.suppressed]));
        lines.push(row([agency, figure, series.label, 'total', series.total.value, series.total.suppressed]));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function sendJson(res: http.ServerResponse, status: number, errors: readonly GraphQLFormattedError[]): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors }));
}

const PARAMETERS = ['from', 'to', 'granularity'] as const;

/**
 * The period of the CSV's query string, checked as the FJC checks it (`parsePeriod`) and refused
 * in the caller's own terms: the parameter's name (`from`, `to`, `granularity`), not the GraphQL
 * variable's path.
 * @throws BAD_USER_INPUT naming the first missing or bad parameter.
 */
export function periodOfQuery(params: URLSearchParams): StatisticsPeriod {
  for (const name of PARAMETERS) {
    if (!params.get(name)) throw badUserInput(name, 'is required: ?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=MONTH|QUARTER.');
  }
  try {
    return parsePeriod(Object.fromEntries(PARAMETERS.map((name) => [name, params.get(name)])));
  } catch (error) {
    const field = error instanceof GraphQLError ? String(error.extensions.field ?? '') : '';
    if (!field.startsWith('period.')) throw error;
    const name = field.slice('period.'.length);
    throw badUserInput(name, error instanceof Error ? error.message.replace(/^Invalid period\.\w+: /, '').replace(/period\./g, '') : '');
  }
}

const STATUS_OF: Record<string, number> = { FORBIDDEN: 403, BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, PURPOSE_REQUIRED: 400 };

/**
 * `GET /statistics.csv?from=&to=&granularity=`: `Query.statistics` run as the caller
 * (`runAsCaller`), so the FJC and every agency check token, purpose and period exactly as for
 * `/graphql`. The operation is the gateway's own and reaches only `@aggregate` types, so there is
 * nothing for the pre-planning field filter to remove.
 */
async function serveCsv(req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string, options: StatisticsCsvOptions & Operation) {
  const caller = await callerContext(options, req, requestId);
  if ('refusal' in caller) {
    const { status, error } = caller.refusal;
    return sendJson(res, status, [{ message: error.message, extensions: { code: error.extensions.code } }]);
  }
  let period: StatisticsPeriod;
  try {
    period = periodOfQuery(url.searchParams);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return sendJson(res, 400, [{ message: error.message, extensions: { code: error.extensions.code, field: error.extensions.field } }]);
  }
  const { data, errors } = await runOperation<StatisticsData>(options, caller.context, { query: options.query, variables: { period }, operationName: 'StatisticsCsv' });
  if (!data?.statistics) {
    const status = errors.map((e) => STATUS_OF[String(e.extensions?.code)]).find((s) => s !== undefined) ?? 502;
    return sendJson(res, status, errors.map((e) => ({ message: e.message, extensions: { code: e.extensions?.code } })));
  }
  const { from, to, granularity } = data.statistics;
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="statistics-${from}-${to}-${granularity.toLowerCase()}.csv"`,
  });
  res.end(renderStatisticsCsv(data.statistics, options.agencyFigures));
}

interface Operation {
  agencyFigures: AgencyFigures[];
  query: string;
}

/** Answers the CSV route (when the supergraph has `Statistics`) in front of the gateway's HTTP handler (`mountOperationRoute`). */
export function mountStatisticsCsv(server: http.Server, options: StatisticsCsvOptions): void {
  const agencyFigures = figuresOf(options.supergraphSdl);
  // A supergraph without figures has no statistics to export: the route stays unknown (404).
  if (agencyFigures.length === 0) return;
  const operation = { ...options, agencyFigures, query: statisticsCsvQuery(agencyFigures) };
  mountOperationRoute(server, options.headers, {
    name: 'statistics csv',
    match: (url) => (url.pathname === ROUTE ? url : null),
    serve: (req, res, url, requestId) => serveCsv(req, res, url, requestId, operation),
    fail: (res) => sendJson(res, 500, [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]),
  });
}
