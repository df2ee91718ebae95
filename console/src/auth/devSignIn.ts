import { signIn, viewerOf, type Viewer } from './session';

/** The development identities (GET /auth/dev/identities; the gateway refuses it in production). */
export async function devIdentities(): Promise<(Viewer & { roles: string[] })[]> {
  const response = await fetch('/auth/dev/identities');
  if (!response.ok) return [];
  return ((await response.json()) as { identities: Viewer[] }).identities;
}

/**
 * Signs in as a development identity with a token from POST /auth/dev/token. The sign-in page's
 * `?ttl=<seconds>` (10-3600) asks for a short-lived token, to try what happens when it expires.
 */
export async function devSignIn(sub: string): Promise<void> {
  const ttl = Number(new URLSearchParams(location.search).get('ttl'));
  const response = await fetch('/auth/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Number.isInteger(ttl) && ttl > 0 ? { sub, ttlSeconds: ttl } : { sub }),
  });
  if (!response.ok) throw new Error(`development sign-in refused (${response.status})`);
  const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
  signIn({ token, expiresAt: Date.parse(expiresAt), viewer: viewerOf(token) });
}
