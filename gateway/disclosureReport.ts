import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AGENCIES } from '../lib/agencies';
import { auditField } from '../lib/audit/auditSchema';
import { log } from '../lib/log';
import { requestIdFrom } from '../lib/requestContext';
import type { GatewayContext } from './context';
import { renderDisclosureReport, REPORT_QUERY, type AgencySection, type PrintedDisclosure } from './disclosureReportText';

export interface DisclosureReportOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's own context factory: the same token and purpose checks as `/graphql`. */
  context: (request: http.IncomingMessage, requestId: string) => Promise<GatewayContext>;
  /** The gateway's security headers, sent on every answer. */
  headers: Record<string, string>;
}

const ROUTE = /^\/clients\/([A-Za-z0-9._@:-]{1,100})\/disclosure-report\.txt$/;

type ReportData = { disclosureReport: Record<string, PrintedDisclosure[] | null> | null };

function sectionsOf(data: ReportData['disclosureReport'], errors: readonly GraphQLFormattedError[]): AgencySection[] {
  return AGENCIES.map((agency) => {
    const field = auditField(agency);
    const list = data?.[field];
    if (list) return { agency, disclosures: list };
    const error = errors.find((e) => e.path?.[1] === field);
    const code = String(error?.extensions?.code ?? 'AGENCY_UNAVAILABLE');
    return { agency, missing: code === 'AGENCY_UNAVAILABLE' ? 'this agency did not answer.' : `this agency withheld its records (${code}).` };
  });
}

function send(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * `GET /clients/:id/disclosure-report.txt`: the client's subject access report as plain text.
 * It runs `disclosureReport` through this gateway's own Apollo server with the caller's context,
 * so every agency sees the caller's token and purpose and decides for itself, exactly as for
 * `/graphql` (the pre-planning field filter is not needed: audit records carry no `@sensitive`
 * label). Who may ask is the agencies' rule: the client's FJC case manager or an auditor.
 */
async function serveReport(req: http.IncomingMessage, res: http.ServerResponse, clientId: string, requestId: string, options: DisclosureReportOptions) {
  let context: GatewayContext;
  try {
    context = await options.context(req, requestId);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
    return send(res, status, `${error.message}\n`);
  }
  const response = await options.apollo.executeOperation<ReportData>(
    { query: REPORT_QUERY, variables: { clientId }, operationName: 'DisclosureReport' },
    { contextValue: context },
  );
  if (response.body.kind !== 'single') throw new Error('the report query answered incrementally');
  const { data, errors = [] } = response.body.singleResult;
  if (!data?.disclosureReport) {
    const forbidden = errors.some((e) => e.extensions?.code === 'FORBIDDEN');
    return send(res, forbidden ? 403 : 502, forbidden ? 'Not permitted for this role and purpose.\n' : 'The report could not be produced.\n');
  }
  send(res, 200, renderDisclosureReport(clientId, sectionsOf(data.disclosureReport, errors), new Date()));
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Answers the report route in front of the gateway's HTTP handler and hands every other request
 * to it unchanged. The handler's routes are JSON only and see no request; this one needs the
 * caller's headers and answers text.
 */
export function mountDisclosureReport(server: http.Server, options: DisclosureReportOptions): void {
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const match = req.method === 'GET' ? ROUTE.exec(new URL(req.url ?? '/', 'http://localhost').pathname) : null;
    if (!match) {
      for (const handler of handlers) handler.call(server, req, res);
      return;
    }
    const requestId = requestIdFrom(req.headers);
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(options.headers)) res.setHeader(name, value);
    serveReport(req, res, match[1]!, requestId, options).catch((error: unknown) => {
      log.error('disclosure report failed', { requestId, kind: error instanceof Error ? error.name : typeof error });
      if (!res.headersSent) send(res, 500, 'Internal server error.\n');
      else res.destroy();
    });
  });
}
