import http from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { requestIdFrom } from '../requestContext';
import { log } from '../log';
import { answerClientError } from './clientError';
import { isDraining } from './lifecycle';

export { close, listen } from './lifecycle';

/** A plain JSON route beside `/graphql`, such as `/health` or `/ready`. */
export type JsonRoute = () => Promise<{ status: number; body: unknown }>;

/** The parts of an HTTP request that carry a GraphQL operation: the JSON body (POST), the query string (GET). */
export interface GraphQLRequestParts {
  readonly method: string;
  body: unknown;
  /** `url.search`, with its leading `?`. */
  search: string;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the GraphQL context; may throw a GraphQLError (UNAUTHENTICATED...). */
  context: (request: http.IncomingMessage, requestId: string) => Promise<TContext>;
  /**
   * Runs once `context` has succeeded and before Apollo reads the operation: may rewrite the
   * request's operation and extend the context (the gateway's pre-planning field filter). When
   * `context` throws, the request is not prepared and Apollo answers that error as usual; a
   * GraphQLError thrown by `prepare` (a query limit) is answered the same way.
   */
  prepare?: (parts: GraphQLRequestParts, context: TContext) => Promise<{ parts: GraphQLRequestParts; context: TContext }>;
  routes?: Record<string, JsonRoute>;
  /**
   * Checks the raw request (method, exact body bytes, headers) before anything is parsed; a
   * `false` answer refuses the request with 401 (subgraphs: the gateway's request signature).
   */
  verifyRaw?: (request: RawRequest) => Promise<boolean>;
  /** Largest accepted request body in bytes; default 1 MiB. */
  maxBodyBytes?: number;
  /** Extra response headers on every answer (security headers). */
  responseHeaders?: Record<string, string>;
}

export interface RawRequest {
  method: string;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
  requestId: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves an Apollo server on Node's own HTTP stack: `/graphql` plus JSON routes. Gateway and
 * subgraphs use the same one, so body limits, request ids and error shapes agree everywhere.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): http.Server {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const server = http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers);
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(options.responseHeaders ?? {})) res.setHeader(name, value);
    handle(req, res, requestId).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const code = error instanceof HttpError ? error.code : 'INTERNAL_SERVER_ERROR';
      const message = error instanceof HttpError ? error.message : 'Internal server error.';
      if (!(error instanceof HttpError)) log.error('request failed', { requestId, error: String(error) });
      if (!res.headersSent) {
        closeIfDraining(res);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
      } else {
        res.destroy();
      }
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', answerClientError);

  /** A draining server answers what it has, then lets the client reconnect to another instance. */
  function closeIfDraining(res: http.ServerResponse): void {
    if (isDraining(server)) res.setHeader('connection', 'close');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = options.routes?.[url.pathname];
    if (route && req.method === 'GET') {
      const { status, body } = await route();
      closeIfDraining(res);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    if (url.pathname !== '/graphql') throw new HttpError(404, 'NOT_FOUND', 'Not found: use /graphql.');
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.');
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = req.method === 'POST' ? await readRawBody(req, maxBodyBytes) : Buffer.alloc(0);
    if (options.verifyRaw && !(await options.verifyRaw({ method: req.method ?? 'GET', body: raw, headers: req.headers, requestId }))) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'This service accepts only requests signed by the gateway.');
    }
    const body = req.method === 'POST' ? parseJsonBody(req, raw) : undefined;
    const { parts, context } = await prepared({ method: req.method ?? 'GET', body, search: url.search }, req, requestId);
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: parts.method, headers, search: parts.search, body: parts.body },
      context,
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    closeIfDraining(res);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function prepared(parts: GraphQLRequestParts, req: http.IncomingMessage, requestId: string) {
    const prepare = options.prepare;
    if (!prepare) return { parts, context: () => options.context(req, requestId) };
    let context: TContext;
    try {
      context = await options.context(req, requestId);
    } catch (error) {
      // Apollo turns the refusal into its response, with the same shape and status as without `prepare`.
      return { parts, context: () => Promise.reject(error) };
    }
    let ready: { parts: GraphQLRequestParts; context: TContext };
    try {
      ready = await prepare(parts, context);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { parts, context: () => Promise.reject(error) };
    }
    return { parts: ready.parts, context: async () => ready.context };
  }

  return server;
}

async function readRawBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${maxBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${maxBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonBody(req: http.IncomingMessage, raw: Buffer): unknown {
  const text = raw.toString('utf8');
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) {
    // Apollo's CSRF prevention and content negotiation answer this; hand the raw text on.
    return text;
  }
  if (text.length === 0) throw new HttpError(400, 'BAD_REQUEST', 'Request body is empty: send a JSON GraphQL request.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON.');
  }
}
