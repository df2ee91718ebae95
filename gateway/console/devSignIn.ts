import type http from 'node:http';
import { DEV_IDENTITIES } from '../../lib/auth/devIdentities';
import { mintDevToken } from '../../lib/auth/devIssuer';

/**
 * The development sign-in of the console: `GET /auth/dev/identities` lists the identities the
 * sign-in page offers, `POST /auth/dev/token` `{ "sub": ..., "ttlSeconds"?: 10-3600 }` signs a
 * token for one of them with the development issuer. Mounted only when the gateway trusts the
 * development issuer, never in production: there both routes answer 404 like any unknown path.
 */
export const DEV_ROUTES = { identities: '/auth/dev/identities', token: '/auth/dev/token' } as const;

const DEFAULT_TTL_SECONDS = 3600;
const MIN_TTL_SECONDS = 10;
const MAX_BODY = 1024;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readSmallJson(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Answers one development sign-in request.
 * @returns false when the path is not one of DEV_ROUTES (the caller passes the request on).
 */
export async function serveDevSignIn(req: http.IncomingMessage, res: http.ServerResponse, path: string, dataDir: string): Promise<boolean> {
  if (path === DEV_ROUTES.identities && req.method === 'GET') {
    json(res, 200, { identities: DEV_IDENTITIES });
    return true;
  }
  if (path !== DEV_ROUTES.token) return false;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    json(res, 405, { error: 'Use POST.' });
    return true;
  }
  // A JSON body only: a cross-site form cannot send one without a CORS preflight, which is refused
  // to every origin not in ONEROOF_CORS_ORIGINS (gateway/cors.ts).
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    json(res, 415, { error: 'Send application/json.' });
    return true;
  }
  const body = (await readSmallJson(req)) as { sub?: unknown; ttlSeconds?: unknown } | undefined;
  const identity = DEV_IDENTITIES.find((candidate) => candidate.sub === body?.sub);
  const ttl = body?.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!identity || typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < MIN_TTL_SECONDS || ttl > DEFAULT_TTL_SECONDS) {
    json(res, 400, { error: `Give the sub of a development identity and, optionally, ttlSeconds (${MIN_TTL_SECONDS}-${DEFAULT_TTL_SECONDS}).` });
    return true;
  }
  const token = await mintDevToken(dataDir, identity, { ttlMinutes: ttl / 60 });
  json(res, 200, { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString(), identity });
  return true;
}
