import type http from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { AGENCIES, FILE_FIELDS } from '../lib/agencies';
import { mountOperationRoute, runAsCaller, type OperationRouteOptions } from './operationRoute';
import { renderDisclosureReport, REPORT_QUERY, type AgencySection, type PrintedDisclosure } from './disclosureReportText';

export type DisclosureReportOptions = OperationRouteOptions;

const ROUTE = /^\/clients\/([A-Za-z0-9._@:-]{1,100})\/disclosure-report\.txt$/;

type ReportData = { disclosureReport: Record<string, PrintedDisclosure[] | null> | null };

/** Why an agency's records are missing, by the code of the error at its list. */
const MISSING: Record<string, string> = {
  AGENCY_UNAVAILABLE: 'this agency did not answer.',
  AGENCY_ERROR: 'this agency answered with an error.',
};

function sectionsOf(data: ReportData['disclosureReport'], errors: readonly GraphQLFormattedError[]): AgencySection[] {
  return AGENCIES.map((agency) => {
    const field = FILE_FIELDS[agency];
    const list = data?.[field];
    if (list) return { agency, disclosures: list };
    const error = errors.find((e) => e.path?.[1] === field);
    const code = String(error?.extensions?.code ?? 'AGENCY_UNAVAILABLE');
    return { agency, missing: MISSING[code] ?? `this agency withheld its records (${code}).` };
  });
}

function send(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * `GET /clients/:id/disclosure-report.txt`: the client's subject access report as plain text.
 * It runs `disclosureReport` as the caller (`runAsCaller`), so every agency sees the caller's token
 * and purpose and decides for itself, exactly as for `/graphql` (the pre-planning field filter is
 * not needed: audit records carry no `@sensitive` label). Who may ask is the agencies' rule: the
 * client's FJC case manager or an auditor.
 */
async function serveReport(req: http.IncomingMessage, res: http.ServerResponse, clientId: string, requestId: string, options: DisclosureReportOptions) {
  const answer = await runAsCaller<ReportData>(options, req, res, requestId, { query: REPORT_QUERY, variables: { clientId }, operationName: 'DisclosureReport' });
  if ('refusal' in answer) return send(res, answer.refusal.status, `${answer.refusal.error.message}\n`);
  const { data, errors } = answer;
  if (!data?.disclosureReport) {
    const forbidden = errors.some((e) => e.extensions?.code === 'FORBIDDEN');
    return send(res, forbidden ? 403 : 502, forbidden ? 'Not permitted for this role and purpose.\n' : 'The report could not be produced.\n');
  }
  send(res, 200, renderDisclosureReport(clientId, sectionsOf(data.disclosureReport, errors), new Date()));
}

/** Answers the report route in front of the gateway's HTTP handler (`mountOperationRoute`). */
export function mountDisclosureReport(server: http.Server, options: DisclosureReportOptions): void {
  mountOperationRoute(server, options.headers, {
    name: 'disclosure report',
    match: (url) => ROUTE.exec(url.pathname)?.[1] ?? null,
    serve: (req, res, clientId, requestId) => serveReport(req, res, clientId, requestId, options),
    fail: (res) => send(res, 500, 'Internal server error.\n'),
  });
}
