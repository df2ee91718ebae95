import type http from 'node:http';
import { requestUrl } from '../../lib/http/requestTarget';
import { log } from '../../lib/log';
import { requestIdFrom } from '../../lib/requestContext';
import { consoleContentSecurityPolicy } from './consolePolicy';
import { serveDevSignIn } from './devSignIn';
import { loadConsoleFiles, type StaticFile } from './staticFiles';

/** How the console signs staff in, as `/console/config.json` tells it. */
export type ConsoleSignIn =
  | { kind: 'development' }
  | { kind: 'oidc'; issuer: string; clientId: string; redirectUri: string; scope: string }
  | { kind: 'none' };

export interface ConsoleOptions {
  /** Production serves no GraphiQL and no development sign-in. */
  production: boolean;
  /** The gateway's security headers; the console's pages add their own CSP and caching. */
  headers: Record<string, string>;
  signIn: ConsoleSignIn;
  /** The data dir of the development issuer, for the development sign-in routes (never in production). */
  devIssuerDataDir?: string;
  /** The built console; default read from console/dist at mount. */
  files?: Map<string, StaticFile>;
}

/**
 * The console's own pages (client-side routes): each answers the console's index.html, so a
 * bookmarked or reloaded page opens where it was. Kept apart from the API's routes
 * (`/clients/<id>/disclosure-report.txt`, `/statistics.csv`, `/graphql`, `/health`, `/ready`).
 */
const PAGES = [
  /^\/(?:signin|callback|find|register|conferences|review|statistics)?$/,
  /^\/(?:clients|cases|conferences|report)\/[A-Za-z0-9._@:-]{1,100}(?:\/(?:consents|audit))?$/,
];

export const CONFIG_ROUTE = '/console/config.json';
export const GRAPHIQL_ROUTE = '/graphiql';

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** The console's configuration as the browser reads it: public values only. */
function publicConfig(signIn: ConsoleSignIn): Record<string, string> {
  if (signIn.kind !== 'oidc') return { signIn: signIn.kind };
  return { signIn: 'oidc', issuer: signIn.issuer, clientId: signIn.clientId, redirectUri: signIn.redirectUri, scope: signIn.scope };
}

/**
 * Serves the console at `/` in front of the gateway's other handlers: its built files, its pages,
 * its runtime configuration and, outside production, GraphiQL at `/graphiql` and the development
 * sign-in. Every other request goes on to the API unchanged.
 */
export function mountConsole(server: http.Server, options: ConsoleOptions): void {
  const files = options.files ?? loadConsoleFiles();
  if (files.size === 0) log.warn('console not built: run npm run console:build (npm start does)', {});
  const idpOrigin = options.signIn.kind === 'oidc' ? new URL(options.signIn.issuer).origin : undefined;
  const pageHeaders = { ...options.headers, 'content-security-policy': consoleContentSecurityPolicy(idpOrigin) };
  const graphiqlHeaders = { ...options.headers, 'content-security-policy': consoleContentSecurityPolicy(idpOrigin, { dataFonts: true }) };
  const config = Buffer.from(JSON.stringify(publicConfig(options.signIn)));
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');

  const send = (req: http.IncomingMessage, res: http.ServerResponse, file: StaticFile, headers: Record<string, string>) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('content-type', file.type);
    res.setHeader('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('vary', 'accept-encoding');
    const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.end(req.method === 'HEAD' ? undefined : gzip ? file.gzipped : file.body);
  };

  const fileFor = (pathname: string): StaticFile | undefined => {
    if (pathname === CONFIG_ROUTE) return { body: config, type: 'application/json; charset=utf-8', immutable: false };
    if (pathname === GRAPHIQL_ROUTE) return options.production ? undefined : files.get('/graphiql.html');
    if (pathname === '/graphiql.html') return undefined;
    if (PAGES.some((page) => page.test(pathname))) return files.get('/index.html');
    return pathname.startsWith('/assets/') || pathname === '/favicon.svg' ? files.get(pathname) : undefined;
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pass = () => handlers.forEach((handler) => handler.call(server, req, res));
    // A target that is no URL is the API's to refuse (400): never a throw in this listener.
    const pathname = requestUrl(req)?.pathname;
    if (pathname === undefined) return pass();
    if (pathname.startsWith('/auth/dev/')) {
      if (options.production || !options.devIssuerDataDir) return pass();
      res.setHeader('x-request-id', requestIdFrom(req.headers));
      for (const [name, value] of Object.entries(options.headers)) res.setHeader(name, value);
      serveDevSignIn(req, res, pathname, options.devIssuerDataDir)
        .then((served) => (served ? undefined : pass()))
        .catch((error: unknown) => {
          log.error('development sign-in failed', { kind: error instanceof Error ? error.name : typeof error });
          if (!res.headersSent) res.writeHead(500).end();
        });
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(pathname) : undefined;
    if (!file) return pass();
    res.setHeader('x-request-id', requestIdFrom(req.headers));
    send(req, res, file, pathname === GRAPHIQL_ROUTE ? graphiqlHeaders : pageHeaders);
  });
}
