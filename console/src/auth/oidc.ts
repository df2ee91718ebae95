import { signIn, viewerOf } from './session';

/**
 * OpenID Connect sign-in as a public client: authorization code flow with PKCE (RFC 7636, S256),
 * in a pop-up window so that the console's page, and any form on it, stays as it is; the code comes
 * back from the pop-up by postMessage (same origin only) and is exchanged here. Nothing is stored:
 * the verifier and state live in this function's closure, the tokens in memory (session.ts).
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const MESSAGE = 'oneroof-oidc-callback';
let discovery: Promise<Discovery> | undefined;

/** The provider's discovery document (`<issuer>/.well-known/openid-configuration`), fetched once. */
export function discover(issuer: string): Promise<Discovery> {
  discovery ??= fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).then(async (response) => {
    if (!response.ok) throw new Error(`discovery failed (${response.status})`);
    return (await response.json()) as Discovery;
  });
  return discovery;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** In the pop-up, on the redirect URI: hands the answer to the console that opened it, then closes. */
export function completeInPopup(): boolean {
  if (!window.opener || location.pathname !== new URL('/callback', location.origin).pathname) return false;
  (window.opener as Window).postMessage({ type: MESSAGE, search: location.search }, location.origin);
  window.close();
  return true;
}

/**
 * Signs in at the provider in a pop-up and starts the session with its access token.
 * @throws Error when the pop-up is blocked, closed, or the provider answers an error.
 */
export async function oidcSignIn(settings: OidcSettings): Promise<void> {
  const endpoints = await discover(settings.issuer);
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    state,
    nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const popup = window.open(url, 'oneroof-sign-in', 'popup,width=520,height=680');
  if (!popup) throw new Error('popup-blocked');
  const search = await new Promise<string>((resolve, reject) => {
    const closed = setInterval(() => {
      if (popup.closed) finish(() => reject(new Error('popup-closed')));
    }, 500);
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; search?: string } | null;
      if (event.origin !== location.origin || data?.type !== MESSAGE || typeof data.search !== 'string') return;
      finish(() => resolve(data.search!));
    };
    const finish = (then: () => void) => {
      clearInterval(closed);
      window.removeEventListener('message', onMessage);
      then();
    };
    window.addEventListener('message', onMessage);
  });
  const answer = new URLSearchParams(search);
  if (answer.get('state') !== state) throw new Error('state-mismatch');
  const code = answer.get('code');
  if (!code) throw new Error(answer.get('error') ?? 'no-code');
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: settings.redirectUri, client_id: settings.clientId, code_verifier: verifier }),
  });
  if (!response.ok) throw new Error(`token-refused-${response.status}`);
  const tokens = (await response.json()) as { access_token: string; expires_in?: number; id_token?: string };
  const viewer = viewerOf(tokens.access_token);
  const expiresAt = Date.now() + (tokens.expires_in ?? 300) * 1000;
  signIn({ token: tokens.access_token, expiresAt, viewer, idToken: tokens.id_token });
}

/** Where to end the provider's session too, when it has an end-session endpoint. */
export async function endSessionUrl(settings: OidcSettings, idToken: string | undefined): Promise<string | null> {
  const endpoints = await discover(settings.issuer);
  if (!endpoints.end_session_endpoint) return null;
  const url = new URL(endpoints.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: new URL('/signin', location.origin).href,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  return url.href;
}
