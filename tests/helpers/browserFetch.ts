/**
 * `fetch` as a browser runs it for a page on `pageOrigin` (Fetch Standard, CORS protocol), for
 * testing pages without a browser: a cross-origin request that is not simple is preflighted and
 * refused unless the preflight allows its origin, method and headers; every cross-origin answer is
 * refused unless it allows the origin (and credentials, when sent); the page sees only the
 * CORS-safelisted response headers and those the server exposes. A refusal is a TypeError, as in a
 * browser, and its reason is kept in `refusals`.
 */
export interface BrowserFetch {
  fetch: typeof fetch;
  /** Every exchange, in order: `OPTIONS <url>` for a preflight, `<METHOD> <url>` for a request. */
  readonly exchanges: string[];
  readonly refusals: string[];
}

const SAFELISTED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-language'];
const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
const SAFELISTED_RESPONSE_HEADERS = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

/** The request headers a browser must ask the server about before sending them. */
function unsafeHeaderNames(headers: Headers): string[] {
  const names: string[] = [];
  headers.forEach((value, name) => {
    if (SAFELISTED_REQUEST_HEADERS.includes(name)) return;
    if (name === 'content-type' && SAFELISTED_CONTENT_TYPES.includes(value.split(';')[0]!.trim().toLowerCase())) return;
    names.push(name);
  });
  return names.sort();
}

const list = (value: string | null) => (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');

export function browserFetch(pageOrigin: string): BrowserFetch {
  const exchanges: string[] = [];
  const refusals: string[] = [];
  const refuse = (reason: string): never => {
    refusals.push(reason);
    throw new TypeError(`Failed to fetch (${reason})`);
  };
  const allowsOrigin = (response: Response, credentials: boolean) => {
    const allowed = response.headers.get('access-control-allow-origin');
    if (credentials) return allowed === pageOrigin && response.headers.get('access-control-allow-credentials') === 'true';
    return allowed === pageOrigin || allowed === '*';
  };

  const run: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input), pageOrigin);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    if (url.origin === pageOrigin) return fetch(url, init);
    if (init.mode === 'same-origin' || init.mode === 'no-cors') refuse(`mode ${init.mode} cannot read ${url.href}`);
    const credentials = init.credentials === 'include';
    const unsafe = unsafeHeaderNames(headers);
    if (!SAFELISTED_METHODS.includes(method) || unsafe.length > 0) {
      exchanges.push(`OPTIONS ${url.href}`);
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: pageOrigin, 'access-control-request-method': method, ...(unsafe.length ? { 'access-control-request-headers': unsafe.join(',') } : {}) },
      });
      if (preflight.status < 200 || preflight.status > 299) refuse(`preflight for ${url.href} answered ${preflight.status}`);
      if (!allowsOrigin(preflight, credentials)) refuse(`preflight for ${url.href} does not allow ${pageOrigin}`);
      const methods = list(preflight.headers.get('access-control-allow-methods'));
      if (!SAFELISTED_METHODS.includes(method) && !methods.includes(method.toLowerCase())) refuse(`preflight for ${url.href} does not allow ${method}`);
      const allowedHeaders = list(preflight.headers.get('access-control-allow-headers'));
      // '*' never covers Authorization, and covers nothing with credentials.
      const missing = unsafe.filter((name) => !allowedHeaders.includes(name) && !(allowedHeaders.includes('*') && !credentials && name !== 'authorization'));
      if (missing.length > 0) refuse(`preflight for ${url.href} does not allow the headers ${missing.join(', ')}`);
    }
    exchanges.push(`${method} ${url.href}`);
    headers.set('origin', pageOrigin);
    const response = await fetch(url, { method, headers, body: init.body });
    if (!allowsOrigin(response, credentials)) refuse(`the answer from ${url.href} does not allow ${pageOrigin}`);
    const exposed = list(response.headers.get('access-control-expose-headers'));
    const visible = new Headers();
    response.headers.forEach((value, name) => {
      if (SAFELISTED_RESPONSE_HEADERS.includes(name) || exposed.includes(name) || (exposed.includes('*') && !credentials)) visible.set(name, value);
    });
    const body = await response.arrayBuffer();
    return new Response(response.status === 204 ? null : body, { status: response.status, statusText: response.statusText, headers: visible });
  };
  return { fetch: run, exchanges, refusals };
}
