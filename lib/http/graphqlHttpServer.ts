import http from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { requestIdFrom } from '../requestContext';
import { log } from '../log';
import { answerClientError } from './clientError';
import { isDraining } from './lifecycle';
import { createRequestScope, handedOverEnd, responseEnd, type RequestScope, type ResponseEnd } from './requestScope';
import { requestUrl } from './requestTarget';

export { close, listen } from './lifecycle';

/** A plain JSON route beside `/graphql`, such as `/health` or `/ready`. */
export type JsonRoute = () => Promise<{ status: number; body: unknown }>;

/** A JSON route beside `/graphql` that takes a POST body, such as a subgraph's `/audit/outcomes`. */
export type PostRoute = (request: RawRequest) => Promise<{ status: number; body: unknown }>;

/** The parts of an HTTP request that carry a GraphQL operation: the JSON body (POST), the query string (GET). */
export interface GraphQLRequestParts {
  readonly method: string;
  body: unknown;
  /** `url.search`, with its leading `?`. */
  search: string;
}

/** What a context factory may read of a request: its headers, as Node delivers them (lower-case names, latin1 values). */
export interface RequestHead {
  headers: http.IncomingHttpHeaders;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /**
   * Builds the GraphQL context; may throw a GraphQLError (UNAUTHENTICATED...), whose
   * `extensions.http` status and headers answer the request.
   * @param scope - the request's deadline and end (`budgetMs` from its arrival).
   */
  context: (request: RequestHead, requestId: string, scope: RequestScope) => Promise<TContext>;
  /** How long a `/graphql` request may take, from its arrival, in ms; default 30 s (the HTTP server's request timeout). */
  budgetMs?: (request: RequestHead) => number;
  /**
   * Runs once `context` has succeeded and before Apollo reads the operation: may rewrite the
   * request's operation and extend the context (the gateway's pre-planning field filter). When
   * `context` throws, the request is not prepared and Apollo answers that error as usual; a
   * GraphQLError thrown by `prepare` (a query limit) is answered the same way.
   */
  prepare?: (parts: GraphQLRequestParts, context: TContext) => Promise<{ parts: GraphQLRequestParts; context: TContext }>;
  routes?: Record<string, JsonRoute>;
  /** POST routes that read the raw request (exact body, headers), answered with JSON: the gateway's signed internal calls. */
  postRoutes?: Record<string, PostRoute>;
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

/**
 * One HTTP request as the pipeline sees it: from a socket (`serveOverHttp`) or handed over in
 * process (the in-process federation tier of the tests), with the same headers Node would deliver.
 */
export interface HttpExchange {
  method: string;
  /** Path and query string, e.g. `/graphql?query=...`. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The whole body; rejects with an error answered 413 once it exceeds `maxBytes`. */
  readBody(maxBytes: number): Promise<Buffer>;
  /** The connection it came on, when it came on one: whether the caller is still there, whether the answer got out. */
  end?: ResponseEnd;
}

/** The answer to one `HttpExchange`: status, headers, and the body whole or in chunks. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | AsyncIterable<string>;
}

/** The whole request pipeline of a gateway or subgraph, without the socket. */
export type GraphQLHandler = (exchange: HttpExchange) => Promise<HttpAnswer>;

/** A refusal of the request as a whole, before GraphQL: answered with `status` and `{ errors: [{ message, extensions: { code } }] }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function jsonAnswer(status: number, headers: Record<string, string>, body: unknown): HttpAnswer {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Builds the request pipeline of an Apollo server: `/graphql` plus JSON routes, body limit, raw
 * check (signatures), context, `prepare`, execution. Gateway and subgraphs use the same one, so body
 * limits, request ids and error shapes agree everywhere, over HTTP or in process.
 */
export function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHttpServerOptions<TContext>): GraphQLHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  async function answer(exchange: HttpExchange, requestId: string, headers: Record<string, string>, scope: RequestScope): Promise<HttpAnswer> {
    const url = requestUrl(exchange);
    if (url === null) throw new HttpError(400, 'BAD_REQUEST', 'The request target is not a path.');
    const route = options.routes?.[url.pathname];
    if (route && exchange.method === 'GET') {
      const { status, body } = await route();
      return jsonAnswer(status, headers, body);
    }
    const postRoute = options.postRoutes?.[url.pathname];
    if (postRoute && exchange.method === 'POST') {
      const { status, body } = await postRoute({ method: 'POST', body: await exchange.readBody(maxBodyBytes), headers: exchange.headers, requestId });
      return jsonAnswer(status, headers, body);
    }
    if (url.pathname !== '/graphql') throw new HttpError(404, 'NOT_FOUND', 'Not found: use /graphql.');
    if (exchange.method !== 'GET' && exchange.method !== 'POST') {
      headers.allow = 'GET, POST';
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.');
    }
    const headerMap = new HeaderMap();
    for (const [name, value] of Object.entries(exchange.headers)) {
      if (value !== undefined) headerMap.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = exchange.method === 'POST' ? await exchange.readBody(maxBodyBytes) : Buffer.alloc(0);
    if (options.verifyRaw && !(await options.verifyRaw({ method: exchange.method, body: raw, headers: exchange.headers, requestId }))) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'This service accepts only requests signed by the gateway.');
    }
    const body = exchange.method === 'POST' ? parseJsonBody(exchange.headers, raw) : undefined;
    await nextIoTurn();
    if (scope.expired()) {
      log.info('request abandoned before it ran', { requestId, reason: String(scope.signal.reason ?? 'deadline') });
      throw new HttpError(503, 'DEADLINE_EXCEEDED', 'Nobody waits for this answer any more: its deadline passed, or its caller left.');
    }
    const { parts, context } = await prepared({ method: exchange.method, body, search: url.search }, exchange, requestId, scope);
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: parts.method, headers: headerMap, search: parts.search, body: parts.body },
      context,
    });
    for (const [name, value] of response.headers) headers[name] = value;
    return {
      status: response.status ?? 200,
      headers,
      body: response.body.kind === 'complete' ? response.body.string : response.body.asyncIterator,
    };
  }

  async function prepared(parts: GraphQLRequestParts, head: RequestHead, requestId: string, scope: RequestScope) {
    const prepare = options.prepare;
    if (!prepare) return { parts, context: () => options.context(head, requestId, scope) };
    let context: TContext;
    try {
      context = await options.context(head, requestId, scope);
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

  return async (exchange) => {
    const requestId = requestIdFrom(exchange.headers);
    const headers: Record<string, string> = { 'x-request-id': requestId, ...options.responseHeaders };
    // From the request's arrival: a request waits (for its body, a store, a slot) within its budget.
    const handedOver = exchange.end ? undefined : handedOverEnd();
    const scope = createRequestScope(exchange.end ?? handedOver!.end, options.budgetMs?.(exchange) ?? DEFAULT_BUDGET_MS);
    try {
      return await answer(exchange, requestId, headers, scope);
    } catch (error) {
      if (error instanceof HttpError && error.code === CALLER_GONE) log.info('request abandoned before it ran', { requestId, reason: 'client-gone' });
      if (!(error instanceof HttpError)) {
        log.error('request failed', { requestId, error: String(error) });
        return jsonAnswer(500, headers, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
      return jsonAnswer(error.status, headers, { errors: [{ message: error.message, extensions: { code: error.code } }] });
    } finally {
      handedOver?.finish();
    }
  };
}

/**
 * Serves a pipeline on Node's own HTTP stack. A draining server (see `close`) answers what it has
 * with `connection: close`, so the client reconnects to another instance.
 */
export function serveOverHttp(handle: GraphQLHandler): http.Server {
  const server = http.createServer((req, res) => {
    const exchange: HttpExchange = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      // A caller that closes the connection while its body is read is gone: nobody to answer.
      readBody: (maxBytes) => readRawBody(req, maxBytes).catch((error: unknown) => {
        throw req.destroyed && !(error instanceof HttpError) ? new HttpError(499, CALLER_GONE, 'The caller closed the connection.') : error;
      }),
      end: responseEnd(res),
    };
    handle(exchange)
      .then(async ({ status, headers, body }) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        if (isDraining(server)) res.setHeader('connection', 'close');
        res.statusCode = status;
        if (typeof body === 'string') {
          res.end(body);
          return;
        }
        for await (const chunk of body) res.write(chunk);
        res.end();
      })
      .catch((error: unknown) => {
        log.error('response failed', { error: String(error) });
        res.destroy();
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', answerClientError);
  return server;
}

/** `createGraphQLHandler` served over HTTP (`serveOverHttp`). */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpServerOptions<TContext>): http.Server {
  return serveOverHttp(createGraphQLHandler(options));
}

/** The default budget of a request: the HTTP server's own request timeout. */
const DEFAULT_BUDGET_MS = 30_000;

/** The code of a request whose caller left before it ran (never sent: nobody reads it). */
const CALLER_GONE = 'CLIENT_CLOSED_REQUEST';

/**
 * Resolves after the event loop has polled for I/O once more. A request read from a socket the
 * caller has already closed (it waited in a queue, or behind a busy loop, past the caller's
 * deadline) has its close still unread: after this turn it is seen, and the request is not run.
 */
function nextIoTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
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

function parseJsonBody(headers: http.IncomingHttpHeaders, raw: Buffer): unknown {
  const text = raw.toString('utf8');
  const type = String(headers['content-type'] ?? '').toLowerCase();
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
