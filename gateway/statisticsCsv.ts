import type http from 'node:http';
import { buildASTSchema, getNamedType, getNullableType, GraphQLError, isListType, isObjectType, parse, type GraphQLFormattedError } from 'graphql';
import { AGENCIES, FILE_FIELDS } from '../lib/agencies';
import { badUserInput } from '../lib/errors';
import { CSV_COLUMNS, renderStatisticsCsv, statisticsCsvFilename, statisticsQuery, type AgencyFigures, type StatisticsData } from '../lib/kit/statistics/csv';
import { parsePeriod, type StatisticsPeriod } from '../lib/kit/statistics/period';
import { callerContext, mountOperationRoute, runOperation, type OperationRouteOptions } from './operationRoute';

export interface StatisticsCsvOptions extends OperationRouteOptions {
  /** The supergraph, whose `Statistics` type says which figures there are. */
  supergraphSdl: string;
}

const ROUTE = '/statistics.csv';
const KEY_FIELDS = ['from', 'to', 'granularity'];

export { CSV_COLUMNS, renderStatisticsCsv, type AgencyFigures };

type StatisticsAnswer = { statistics: StatisticsData | null };

/** A figure as the schema declares it: one `StatSeries` or a list of them, and its description. */
export interface FigureField {
  name: string;
  /** A breakdown (a list of series, one per label) rather than one series. */
  list: boolean;
  description: string;
}

/** An agency's figures with what the schema says of them (the console's dashboard is generated from these). */
export interface DescribedAgencyFigures extends AgencyFigures {
  fields: FigureField[];
}

/** Each agency's field on `Statistics` and its figures, as the supergraph has them, in agency order. */
export function figuresOf(supergraphSdl: string): DescribedAgencyFigures[] {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const statistics = schema.getType('Statistics');
  if (!isObjectType(statistics)) return [];
  const agencyOf = (field: string) => AGENCIES.find((agency) => FILE_FIELDS[agency] === field) ?? field;
  return Object.values(statistics.getFields())
    .filter((field) => !KEY_FIELDS.includes(field.name) && isObjectType(getNamedType(field.type)))
    .map((field) => {
      const type = getNamedType(field.type);
      const series = isObjectType(type) ? Object.values(type.getFields()).filter((f) => getNamedType(f.type).name === 'StatSeries') : [];
      const fields = series.map((f) => ({ name: f.name, list: isListType(getNullableType(f.type)), description: (f.description ?? '').replace(/\s+/g, ' ').trim() }));
      return { field: field.name, agency: agencyOf(field.name), figures: fields.map((f) => f.name), fields };
    })
    .sort((a, b) => (AGENCIES as readonly string[]).indexOf(a.agency) - (AGENCIES as readonly string[]).indexOf(b.agency));
}

/** The operation the CSV runs: every figure of every agency, so the file and `/graphql` always agree. */
export function statisticsCsvQuery(agencyFigures: readonly AgencyFigures[]): string {
  return statisticsQuery(agencyFigures, 'StatisticsCsv');
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
  const caller = await callerContext(options, req, res, requestId);
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
  const { data, errors } = await runOperation<StatisticsAnswer>(options, caller.context, { query: options.query, variables: { period }, operationName: 'StatisticsCsv' });
  if (!data?.statistics) {
    const status = errors.map((e) => STATUS_OF[String(e.extensions?.code)]).find((s) => s !== undefined) ?? 502;
    return sendJson(res, status, errors.map((e) => ({ message: e.message, extensions: { code: e.extensions?.code } })));
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${statisticsCsvFilename(data.statistics)}"`,
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
