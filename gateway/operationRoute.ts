import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createRequestScope, responseEnd, type RequestScope } from '../lib/http/requestScope';
import { requestUrl } from '../lib/http/requestTarget';
import { log } from '../lib/log';
import { requestIdFrom } from '../lib/requestContext';
import { admit, type GatewayContext } from './context';
import type { ViewerGate } from './viewerGate';

/** What a route that answers with one of the gateway's own operations needs of the gateway. */
export interface OperationRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's own context factory: the same token and purpose checks as `/graphql`. */
  context: (request: http.IncomingMessage, requestId: string, scope: RequestScope) => Promise<GatewayContext>;
  /** The viewers' lanes, shared with `/graphql`: these operations take a slot too. */
  gate?: ViewerGate;
  /** The request budget, as for `/graphql` (`ONEROOF_REQUEST_TIMEOUT_MS`). */
  budgetMs: number;
  /** The gateway's security headers, sent on every answer. */
  headers: Record<string, string>;
}

export interface OperationRoute<TParams> {
  /** For the log line of an unexpected failure, e.g. `statistics csv`. */
  name: string;
  /** This route's parameters when it answers the GET request, or `null` to pass it on. */
  match(url: URL): TParams | null;
  /** Answers the request; `requestId` is already in the response headers. */
  serve(req: http.IncomingMessage, res: http.ServerResponse, params: TParams, requestId: string): Promise<void>;
  /** Answers an unexpected failure, when nothing has been sent yet. */
  fail(res: http.ServerResponse): void;
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Answers one GET route in front of the gateway's HTTP handler and hands every other request to
 * it unchanged. The handler's routes are JSON only and see no request headers; these need the
 * caller's token and purpose and may answer text. Each answer carries the request id and the
 * gateway's security headers.
 */
export function mountOperationRoute<TParams>(server: http.Server, headers: Record<string, string>, route: OperationRoute<TParams>): void {
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.method === 'GET' ? requestUrl(req) : null;
    const params = url === null ? null : route.match(url);
    if (params === null) {
      for (const handler of handlers) handler.call(server, req, res);
      return;
    }
    const requestId = requestIdFrom(req.headers);
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    route.serve(req, res, params, requestId).catch((error: unknown) => {
      log.error(`${route.name} failed`, { requestId, kind: error instanceof Error ? error.name : typeof error });
      if (!res.headersSent) route.fail(res);
      else res.destroy();
    });
  });
}

/** The caller's refusal (no or bad token, no purpose, too many requests) with the HTTP status and headers `/graphql` gives it. */
export interface Refusal {
  status: number;
  error: GraphQLError;
}

/** Sets the headers a refusal carries (`Retry-After` of TOO_MANY_REQUESTS) on the route's answer. */
function refusalHeaders(res: http.ServerResponse, error: GraphQLError): void {
  const headers = (error.extensions.http as { headers?: unknown } | undefined)?.headers;
  if (headers instanceof Map) for (const [name, value] of headers as Map<string, string>) res.setHeader(name, value);
}

/**
 * The caller's context, built by the gateway's own context factory (token, purpose, claimed basis,
 * the viewer's slot), within a budget as `/graphql`'s, or the refusal `/graphql` would answer, with
 * its HTTP status (its headers are set on `res`).
 */
export async function callerContext(
  options: OperationRouteOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  requestId: string,
): Promise<{ refusal: Refusal } | { context: GatewayContext }> {
  try {
    const context = await options.context(req, requestId, createRequestScope(responseEnd(res), options.budgetMs));
    if (options.gate) await admit(options.gate, context);
    return { context };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    refusalHeaders(res, error);
    return { refusal: { status: (error.extensions.http as { status?: number } | undefined)?.status ?? 400, error } };
  }
}

/** Runs one of the gateway's own operations through its Apollo server with a caller's context. */
export async function runOperation<TData>(
  options: OperationRouteOptions,
  context: GatewayContext,
  operation: { query: string; operationName: string; variables: Record<string, unknown> },
): Promise<{ data?: TData | null; errors: readonly GraphQLFormattedError[] }> {
  const response = await options.apollo.executeOperation<TData>(operation, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error(`${operation.operationName} answered incrementally`);
  const { data, errors = [] } = response.body.singleResult;
  return { data, errors };
}

/**
 * Runs one of the gateway's own operations through its Apollo server with the caller's context,
 * so token, purpose and every agency's decisions apply exactly as on `/graphql`.
 * @returns the refusal when the caller has no valid context, else the single result.
 */
export async function runAsCaller<TData>(
  options: OperationRouteOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  requestId: string,
  operation: { query: string; operationName: string; variables: Record<string, unknown> },
): Promise<{ refusal: Refusal } | { data?: TData | null; errors: readonly GraphQLFormattedError[] }> {
  const caller = await callerContext(options, req, res, requestId);
  return 'refusal' in caller ? caller : runOperation<TData>(options, caller.context, operation);
}
