import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { AGENCIES, FILE_FIELDS } from '../../lib/agencies';
import { expectedOf } from '../helpers/statisticsExpected';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import { browserFetch, type BrowserFetch } from '../helpers/browserFetch';
import { startStack, type TestStack } from '../helpers/stack';
import { askStatistics, seriesOf, type StatisticsData } from '../helpers/statisticsQuery';

/**
 * The worked example of docs/statistics.md, docs/examples/statistics-dashboard.html, without a
 * browser: the page is served from its own origin, its script runs in a fresh context whose
 * `fetch` enforces CORS as a browser does, and it signs in (the development token route, a pasted
 * development token, or OpenID Connect with PKCE against a stand-in identity provider), fetches a year by month from `/graphql`
 * and `/statistics.csv`, and draws it. Any request the gateway would not accept from that origin,
 * or any header the page reads that the gateway does not expose, fails here.
 */
const EXAMPLES = path.join(__dirname, '../../docs/examples');
const PAGE = 'statistics-dashboard.html';
const YEAR = 2025;

interface Dashboard {
  /** The agencies (their fields on Statistics) and figures the page shows. */
  agencies: { field: string; figures: [string, string][] }[];
  fetchYear(options: { gateway: string; token: string; year: number }): Promise<{ statistics: NonNullable<StatisticsData['statistics']>; unavailable: string[]; requestId: string | null }>;
  fetchCsv(options: { gateway: string; token: string; year: number }): Promise<{ filename: string; text: string }>;
  devSignIn(options: { gateway: string; identity: string }): Promise<{ token: string; expiresAt: string; identity: { sub: string; roles: string[] } }>;
  signIn(oidc: Oidc): Promise<void>;
  completeSignIn(oidc: Oidc): Promise<string | null>;
  renderAll(statistics: NonNullable<StatisticsData['statistics']>): string;
}
interface Oidc {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

/** Serves files from one directory, as any static web server would. */
function staticServer(dir: string): http.Server {
  return http.createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
}

/** A stand-in for the FJC's identity provider: discovery, and a token endpoint that checks the PKCE verifier. */
function identityProvider(issue: () => Promise<string>) {
  const expected = { challenge: '', code: 'code-from-the-provider', redirectUri: '', clientId: '' };
  const server = http.createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openid-configuration') {
      send(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token` });
      return;
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const valid = req.method === 'POST' && req.url === '/token' && form.get('grant_type') === 'authorization_code' && form.get('code') === expected.code &&
        form.get('client_id') === expected.clientId && form.get('redirect_uri') === expected.redirectUri && challenge === expected.challenge;
      if (!valid) {
        send(400, { error: 'invalid_grant' });
        return;
      }
      void issue().then((token) => send(200, { access_token: token, token_type: 'Bearer', expires_in: 300 }));
    });
  });
  return { server, expected };
}

/** Runs the page's own script, as its browser would, in a context with the browser's globals it uses. */
function loadDashboard(html: string, globals: Record<string, unknown>): Dashboard {
  const script = /<script id="dashboard">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script) throw new Error(`${PAGE} has no <script id="dashboard">`);
  const context = vm.createContext({ URL, URLSearchParams, TextEncoder, btoa, crypto: globalThis.crypto, Blob, console, ...globals });
  vm.runInContext(`${script}\nthis.OneRoofDashboard = OneRoofDashboard;`, context);
  return context.OneRoofDashboard as Dashboard;
}

describe('the example dashboard on another origin (docs/examples)', () => {
  let stack: TestStack;
  let pages: http.Server;
  let pageOrigin: string;
  let gateway: string;
  let html: string;
  let coordinator: string;
  let browser: BrowserFetch;
  let dashboard: Dashboard;

  beforeAll(async () => {
    pages = staticServer(EXAMPLES);
    pageOrigin = `http://127.0.0.1:${await listen(pages, 0, '127.0.0.1')}`;
    stack = await startStack({ corsOrigins: [pageOrigin] });
    gateway = stack.gatewayUrl.replace(/\/graphql$/, '');
    coordinator = await stack.token({ sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] });
    html = await (await fetch(`${pageOrigin}/${PAGE}`)).text();
    browser = browserFetch(pageOrigin);
    dashboard = loadDashboard(html, { fetch: browser.fetch });
  });
  afterAll(async () => {
    await stack.stop();
    await close(pages);
  });

  /** The agencies of the registry whose figures the page shows: the page chooses them, as any dashboard would. */
  const shownAgencies = () => AGENCIES.filter((agency) => dashboard.agencies.some((shown) => shown.field === FILE_FIELDS[agency]));

  it('shows the figures of the agencies it lists, each figure one the agency publishes', () => {
    expect(shownAgencies().map((agency) => FILE_FIELDS[agency])).toEqual(dashboard.agencies.map((shown) => shown.field));
    for (const shown of dashboard.agencies) {
      const agency = AGENCIES.find((a) => FILE_FIELDS[a] === shown.field)!;
      expect(shown.figures.map(([name]) => name)).toEqual(Object.keys(expectedOf(agency).figures));
    }
  });

  it('uses no asset from another origin: one file, its script and styles inline', () => {
    expect(html.match(/\b(src|href)=/g) ?? []).toEqual([]);
    expect(html).not.toMatch(/@import|url\(http/);
  });

  it('fetches a year of every agency\'s figures by month through a preflight the gateway allows, equal to what the API gives', async () => {
    const result = await dashboard.fetchYear({ gateway, token: coordinator, year: YEAR });
    expect(browser.refusals).toEqual([]);
    expect(browser.exchanges).toEqual([`OPTIONS ${gateway}/graphql`, `POST ${gateway}/graphql`]);
    expect(result.unavailable).toEqual([]);
    expect(result.requestId).toMatch(/^dashboard-/);
    const { body } = await askStatistics(stack.gatewayUrl, coordinator, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, granularity: 'MONTH' });
    expect(shownAgencies().length).toBe(dashboard.agencies.length);
    for (const agency of shownAgencies()) {
      const page = seriesOf(result.statistics, agency);
      expect({ agency, figures: page }).toEqual({ agency, figures: seriesOf(body.data!.statistics!, agency) });
      expect(Object.values(page).flat().every((series) => series.periods.length === 12)).toBe(true);
    }
  });

  it('draws a chart and a table per figure, with suppressed cells hatched and never a count of 1 to 4', async () => {
    const { statistics } = await dashboard.fetchYear({ gateway, token: coordinator, year: YEAR });
    const drawn = dashboard.renderAll(statistics);
    const figures = shownAgencies().flatMap((agency) => Object.values(seriesOf(statistics, agency)));
    expect(drawn.match(/<svg /g)).toHaveLength(figures.length);
    expect(drawn.match(/<table>/g)).toHaveLength(figures.length);
    const suppressed = figures.flat().flatMap((s) => s.periods).filter((p) => p.count.suppressed).length;
    expect(suppressed).toBeGreaterThan(0);
    expect(drawn.match(/class="cell-suppressed"/g)).toHaveLength(suppressed);
    expect(drawn.match(/fill="url\(#oneroof-hatch\)"/g)).toHaveLength(suppressed);
    expect(drawn).not.toMatch(/<td>[1-4]<\/td>|: [1-4]<\/title>/);
  });

  it('says which agency gave no figures instead of drawing zeros', async () => {
    await stack.subgraphs.housing.kill();
    try {
      const { statistics, unavailable } = await dashboard.fetchYear({ gateway, token: coordinator, year: YEAR });
      expect(unavailable).toEqual(['Housing service']);
      expect(dashboard.renderAll(statistics)).toContain('<p class="unavailable">No figures from Housing service.</p>');
    } finally {
      await stack.subgraphs.housing.restart();
    }
  });

  it('downloads the year as the gateway\'s CSV, its file name read from an exposed header', async () => {
    const before = browser.exchanges.length;
    const file = await dashboard.fetchCsv({ gateway, token: coordinator, year: YEAR });
    expect(browser.refusals).toEqual([]);
    const query = `from=${YEAR}-01-01&to=${YEAR}-12-31&granularity=MONTH`;
    expect(browser.exchanges.slice(before)).toEqual([`OPTIONS ${gateway}/statistics.csv?${query}`, `GET ${gateway}/statistics.csv?${query}`]);
    expect(file.filename).toBe(`statistics-${YEAR}-01-01-${YEAR}-12-31-month.csv`);
    const direct = await fetch(`${gateway}/statistics.csv?${query}`, { headers: { authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS' } });
    expect(file.text).toBe(await direct.text());
  });

  it('signs in through the development token route, preflighted, and fetches the figures with that token', async () => {
    const before = browser.exchanges.length;
    const answer = await dashboard.devSignIn({ gateway, identity: 'fjc-coordinator-1' });
    expect(browser.refusals).toEqual([]);
    expect(browser.exchanges.slice(before)).toEqual([`OPTIONS ${gateway}/auth/dev/token`, `POST ${gateway}/auth/dev/token`]);
    expect(answer.identity).toMatchObject({ sub: 'fjc-coordinator-1', roles: ['COORDINATOR'] });
    const { unavailable } = await dashboard.fetchYear({ gateway, token: answer.token, year: YEAR });
    expect(unavailable).toEqual([]);
    await expect(dashboard.devSignIn({ gateway, identity: 'nobody' })).rejects.toThrow(/^Development sign-in refused: Give the sub of a development identity/);
  });

  it('reports the gateway\'s refusal, readable across origins', async () => {
    await expect(dashboard.fetchYear({ gateway, token: 'not-a-token', year: YEAR })).rejects.toThrow(/^UNAUTHENTICATED: .* \(request dashboard-/);
    expect(browser.refusals).toEqual([]);
  });

  it('is refused by the browser when the gateway does not list its origin', async () => {
    const elsewhere = browserFetch('http://127.0.0.1:1');
    const stranger = loadDashboard(html, { fetch: elsewhere.fetch });
    await expect(stranger.fetchYear({ gateway, token: coordinator, year: YEAR })).rejects.toThrow(TypeError);
    expect(elsewhere.refusals).toEqual([`preflight for ${gateway}/graphql answered 405`]);
  });

  it('signs in with OpenID Connect and PKCE, then fetches the figures with the access token', async () => {
    const provider = identityProvider(() => stack.token({ sub: 'fjc-coordinator-2', agency: 'fjc', roles: ['COORDINATOR'] }));
    const issuer = `http://127.0.0.1:${await listen(provider.server, 0, '127.0.0.1')}`;
    try {
      const storage = new Map<string, string>();
      const location = { href: `${pageOrigin}/${PAGE}`, search: '', assigned: '', assign(url: string) { this.assigned = url; } };
      const replaced: string[] = [];
      const browsing = browserFetch(pageOrigin);
      const page = loadDashboard(html, {
        fetch: browsing.fetch, location, history: { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
        sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) },
      });
      const oidc = { issuer, clientId: 'oneroof-dashboard', redirectUri: `${pageOrigin}/${PAGE}`, scope: 'openid' };
      await page.signIn(oidc);
      const authorize = new URL(location.assigned);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
      const asked = Object.fromEntries(authorize.searchParams);
      expect(asked).toEqual({
        response_type: 'code', client_id: 'oneroof-dashboard', redirect_uri: oidc.redirectUri, scope: 'openid',
        state: expect.stringMatching(/^[\w-]{22}$/), code_challenge: expect.stringMatching(/^[\w-]{43}$/), code_challenge_method: 'S256',
      });
      Object.assign(provider.expected, { challenge: asked.code_challenge, redirectUri: oidc.redirectUri, clientId: oidc.clientId });
      // The provider signs the user in and sends the browser back with a code; a forged state is refused first.
      location.search = `?code=${provider.expected.code}&state=forged`;
      await expect(page.completeSignIn(oidc)).rejects.toThrow('This sign-in answer was not asked for by this page: sign in again.');
      await page.signIn(oidc);
      const again = Object.fromEntries(new URL(location.assigned).searchParams);
      provider.expected.challenge = again.code_challenge!;
      location.search = `?code=${provider.expected.code}&state=${again.state}`;
      const token = await page.completeSignIn(oidc);
      expect(token).toEqual(expect.any(String));
      expect(replaced).toEqual([oidc.redirectUri, oidc.redirectUri]);
      expect(storage.size).toBe(0);
      const { statistics } = await page.fetchYear({ gateway, token: token!, year: YEAR });
      expect(Object.keys(seriesOf(statistics, 'police'))).toEqual(['interventionsByKind', 'interventionsBySubstance', 'interventionsWithChildrenPresent', 'barringOrdersImposed', 'barringOrdersExtended']);
      expect(browsing.refusals).toEqual([]);
    } finally {
      await close(provider.server);
    }
  });
});
