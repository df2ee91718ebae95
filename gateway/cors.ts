import type http from 'node:http';
import { isDraining } from '../lib/http/lifecycle';
import { requestUrl } from '../lib/http/requestTarget';
import { requestIdFrom } from '../lib/requestContext';
import { DEV_ROUTES } from './console/devSignIn';

/**
 * Cross-origin access for coordinators' own dashboards (`ONEROOF_CORS_ORIGINS`): a web page on an
 * allowed origin may call `/graphql` and `/statistics.csv` with a bearer token (and, in
 * development, `POST /auth/dev/token` to get one). Credentials travel
 * only in the `Authorization` header, never by cookie, so `Access-Control-Allow-Credentials` is
 * never sent. Every other route, and every origin not on the list, gets no CORS header at all.
 */

/** The routes a dashboard may call, and their methods. */
export const CORS_ROUTES: Readonly<Record<string, readonly string[]>> = { '/graphql': ['GET', 'POST'], '/statistics.csv': ['GET'] };

/**
 * Outside production, also the development token route (`POST /auth/dev/token`), so that a
 * dashboard in development signs in as the console's development sign-in does. Production has no
 * such route, and no CORS for it.
 */
export const DEV_CORS_ROUTES: Readonly<Record<string, readonly string[]>> = { [DEV_ROUTES.token]: ['POST'] };

/**
 * The request headers a dashboard may send: the documented ones (README, How it works), the JSON
 * content type, and the two headers Apollo's CSRF prevention accepts on a GET to `/graphql`.
 */
export const CORS_ALLOWED_HEADERS = [
  'Authorization', 'Content-Type', 'X-Purpose-Of-Use', 'X-Request-Id', 'X-Conference-Id', 'X-Emergency-Reason',
  'Apollo-Require-Preflight', 'X-Apollo-Operation-Name',
] as const;

/** The response headers a dashboard may read beyond the CORS-safelisted ones: the request id, and the CSV's file name. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Content-Disposition'] as const;

/** How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 7200). */
export const CORS_MAX_AGE_SECONDS = 600;

export interface CorsOptions {
  /** Exact origins, as validated by `loadConfig` (`ONEROOF_CORS_ORIGINS`); empty: no cross-origin access. */
  origins: readonly string[];
  /** The gateway's security headers, sent on the answers given here. */
  headers: Record<string, string>;
  /** The development sign-in is mounted (never in production): its token route gets CORS too. */
  devSignIn?: boolean;
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Puts the CORS layer in front of every handler of the gateway's HTTP server; mount it last, so it
 * sees each request first. On those routes it answers OPTIONS itself: a preflight from an allowed
 * origin with 204 and the CORS headers, any other OPTIONS with 405 and `Allow`, without a CORS
 * header (so a browser refuses the cross-origin request before sending it). GET and POST from an
 * allowed origin get `Access-Control-Allow-Origin` on every answer, errors included, so the page can
 * read what went wrong.
 */
export function mountCors(server: http.Server, options: CorsOptions): void {
  const allowed = new Set(options.origins);
  const routes = options.devSignIn ? { ...CORS_ROUTES, ...DEV_CORS_ROUTES } : CORS_ROUTES;
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    // A target that is no URL is not one of these routes; the handler refuses it.
    const methods = routes[requestUrl(req)?.pathname ?? ''];
    if (methods) {
      // The answer depends on Origin whenever some origin may get CORS headers.
      if (allowed.size > 0) res.setHeader('vary', 'Origin');
      const origin = typeof req.headers.origin === 'string' && allowed.has(req.headers.origin) ? req.headers.origin : null;
      if (req.method === 'OPTIONS') return answerOptions(req, res, { origin, methods, headers: options.headers, draining: isDraining(server) });
      if (origin !== null) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
      }
    }
    for (const handler of handlers) handler.call(server, req, res);
  });
}

interface OptionsAnswer {
  /** The request's origin when it is on the allow-list. */
  origin: string | null;
  methods: readonly string[];
  headers: Record<string, string>;
  /** The server is shutting down: the client should reconnect elsewhere. */
  draining: boolean;
}

function answerOptions(req: http.IncomingMessage, res: http.ServerResponse, answer: OptionsAnswer): void {
  res.setHeader('x-request-id', requestIdFrom(req.headers));
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.draining) res.setHeader('connection', 'close');
  req.resume();
  if (answer.origin !== null && req.headers['access-control-request-method'] !== undefined) {
    res.writeHead(204, {
      'access-control-allow-origin': answer.origin,
      'access-control-allow-methods': answer.methods.join(', '),
      'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
    });
    res.end();
    return;
  }
  res.writeHead(405, { allow: answer.methods.join(', '), 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message: `Use ${answer.methods.join(' or ')}.`, extensions: { code: 'METHOD_NOT_ALLOWED' } }] }));
}
