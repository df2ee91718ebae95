import { CORS_MAX_AGE_SECONDS } from '../../gateway/cors';
import { startProductionGateway } from '../helpers/productionGateway';
import { rawRequest, type RawResponse } from '../helpers/rawHttp';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * A coordinator's own dashboard on another origin (`ONEROOF_CORS_ORIGINS`), over HTTP as a browser
 * sends it: the preflight, then the request with the bearer token. Allowed origins get the CORS
 * headers on both routes; any other origin gets none, whatever it asks.
 */
const DASHBOARD = 'https://dashboard.example.org';
const LOCAL_DASHBOARD = 'http://localhost:8080';
const OTHERS = ['https://evil.example', 'http://dashboard.example.org', 'https://dashboard.example.org:8443', 'null'];
const PERIOD = 'from=2025-01-01&to=2025-03-31&granularity=QUARTER';
const QUERY = /* GraphQL */ `{ statistics(period: { from: "2025-01-01", to: "2025-03-31", granularity: QUARTER }) { police { barringOrdersImposed { total { value suppressed } } } } }`;
const ROUTES = [['/graphql', 'POST', 'GET, POST'], ['/statistics.csv', 'GET', 'GET']] as const;

/** The CORS response headers of an answer. */
const corsHeaders = (response: RawResponse) => Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-')));

describe('dashboards on other origins', () => {
  let stack: TestStack;
  let base: string;
  let coordinator: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 30, corsOrigins: [DASHBOARD, LOCAL_DASHBOARD] });
    base = stack.gatewayUrl.replace(/\/graphql$/, '');
    coordinator = await stack.token({ sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] });
  });
  afterAll(() => stack.stop());

  const preflight = (path: string, origin: string, method: string) =>
    rawRequest(base, {
      method: 'OPTIONS', path,
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,x-purpose-of-use,x-request-id' },
    });
  const post = (origin: string, headers: Record<string, string> = { authorization: `Bearer ${coordinator}` }) =>
    rawRequest(base, {
      method: 'POST', path: '/graphql', body: JSON.stringify({ query: QUERY }),
      headers: { origin, 'content-type': 'application/json', 'x-purpose-of-use': 'STATISTICS', 'x-request-id': 'dashboard-req-1', ...headers },
    });
  const csv = (origin: string) =>
    rawRequest(base, { method: 'GET', path: `/statistics.csv?${PERIOD}`, headers: { origin, authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS' } });

  it.each(ROUTES)('answers an allowed origin\'s preflight for %s with the CORS headers, and never allows credentials', async (path, method, methods) => {
    for (const origin of [DASHBOARD, LOCAL_DASHBOARD]) {
      const response = await preflight(path, origin, method);
      expect(response.status).toBe(204);
      expect(corsHeaders(response)).toEqual({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': methods,
        'access-control-allow-headers': 'Authorization, Content-Type, X-Purpose-Of-Use, X-Request-Id, X-Conference-Id, X-Emergency-Reason, Apollo-Require-Preflight, X-Apollo-Operation-Name',
        'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      });
      expect(response.headers.vary).toBe('Origin');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
      expect(response.text).toBe('');
    }
  });

  it('lets an allowed origin read the figures from /graphql, with the request id exposed', async () => {
    const response = await post(DASHBOARD);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { statistics: { police: { barringOrdersImposed: { total: expect.any(Object) } } } } });
    expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': DASHBOARD, 'access-control-expose-headers': 'X-Request-Id, Content-Disposition' });
    expect(response.headers['x-request-id']).toBe('dashboard-req-1');
    expect(response.headers.vary).toBe('Origin');
  });

  it('lets an allowed origin download /statistics.csv, with its file name exposed', async () => {
    const response = await csv(LOCAL_DASHBOARD);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.text.split('\r\n')[0]).toBe('agency,series,label,period,value,suppressed');
    expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': LOCAL_DASHBOARD, 'access-control-expose-headers': 'X-Request-Id, Content-Disposition' });
  });

  it('keeps the gateway\'s security headers on cross-origin answers', async () => {
    const response = await post(DASHBOARD);
    expect(response.headers).toMatchObject({ 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  });

  it('lets an allowed origin read why a request was refused', async () => {
    const unauthenticated = await post(DASHBOARD, {});
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['access-control-allow-origin']).toBe(DASHBOARD);
    const refused = await rawRequest(base, { method: 'GET', path: `/statistics.csv?${PERIOD}`, headers: { origin: DASHBOARD, authorization: `Bearer ${coordinator}` } });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('PURPOSE_REQUIRED');
    expect(refused.headers['access-control-allow-origin']).toBe(DASHBOARD);
  });

  it('needs a preflight-triggering header for a GET to /graphql, as Apollo\'s CSRF prevention requires', async () => {
    const get = (extra: Record<string, string>) =>
      rawRequest(base, {
        method: 'GET', path: `/graphql?query=${encodeURIComponent(QUERY)}`,
        headers: { origin: DASHBOARD, authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS', ...extra },
      });
    const without = await get({});
    expect(without.status).toBe(400);
    expect(without.headers['access-control-allow-origin']).toBe(DASHBOARD);
    const withHeader = await get({ 'apollo-require-preflight': 'true' });
    expect(withHeader.status).toBe(200);
    expect(JSON.parse(withHeader.text).data.statistics.police).toEqual({ barringOrdersImposed: { total: expect.any(Object) } });
  });

  it.each(OTHERS)('gives no CORS header to %s: its preflight is refused with 405, its requests carry none', async (origin) => {
    for (const [path, method, methods] of ROUTES) {
      const answer = await preflight(path, origin, method);
      expect({ path, status: answer.status, allow: answer.headers.allow, cors: corsHeaders(answer) }).toEqual({ path, status: 405, allow: methods, cors: {} });
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    }
    // The gateway still answers as it would without an Origin; the browser withholds it from the page.
    const answered = [await post(origin), await csv(origin)];
    expect(answered.map((r) => [r.status, corsHeaders(r)])).toEqual([[200, {}], [200, {}]]);
  });

  it('gives no CORS header on the other routes, even to an allowed origin', async () => {
    for (const path of ['/health', '/ready', '/clients/FJC-000001/disclosure-report.txt']) {
      const preflighted = await preflight(path, DASHBOARD, 'GET');
      const got = await rawRequest(base, { method: 'GET', path, headers: { origin: DASHBOARD, authorization: `Bearer ${coordinator}` } });
      expect({ path, cors: [corsHeaders(preflighted), corsHeaders(got)] }).toEqual({ path, cors: [{}, {}] });
    }
  });

  it('lets an allowed origin get a development token, as a dashboard in development signs in', async () => {
    const preflighted = await preflight('/auth/dev/token', DASHBOARD, 'POST');
    expect([preflighted.status, corsHeaders(preflighted)['access-control-allow-methods']]).toEqual([204, 'POST']);
    const signIn = (origin: string) =>
      rawRequest(base, { method: 'POST', path: '/auth/dev/token', body: JSON.stringify({ sub: 'fjc-coordinator-1' }), headers: { origin, 'content-type': 'application/json' } });
    const answer = await signIn(DASHBOARD);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).identity.roles).toEqual(['COORDINATOR']);
    expect(answer.headers['access-control-allow-origin']).toBe(DASHBOARD);
    // Another origin's preflight is refused, so its page never sends the request.
    const refused = await preflight('/auth/dev/token', 'https://evil.example', 'POST');
    expect([refused.status, corsHeaders(refused)]).toEqual([405, {}]);
  });

  it('gives no CORS header for the development token route in production, where the route does not exist', async () => {
    const production = await startProductionGateway(stack, { corsOrigins: [DASHBOARD] });
    try {
      const preflighted = await rawRequest(production.origin, {
        method: 'OPTIONS', path: '/auth/dev/token', headers: { origin: DASHBOARD, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflighted.status).not.toBe(204);
      expect(corsHeaders(preflighted)).toEqual({});
      // The figures' routes keep their CORS there.
      expect((await rawRequest(production.origin, { method: 'OPTIONS', path: '/statistics.csv', headers: { origin: DASHBOARD, 'access-control-request-method': 'GET' } })).status).toBe(204);
    } finally {
      await production.stop();
    }
  });
});
