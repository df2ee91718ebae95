import type { StaticFile } from '../../gateway/console/staticFiles';
import { postGraphQL } from '../helpers/graphql';
import { startProductionGateway, type ProductionGateway } from '../helpers/productionGateway';
import { startStack, type TestStack } from '../helpers/stack';

/** A console build of three files, so these tests do not depend on console/dist. */
const FILES = new Map<string, StaticFile>([
  ['/index.html', { body: Buffer.from('<!doctype html><title>OneRoof</title><script type="module" src="/assets/main-abc.js"></script>'), type: 'text/html; charset=utf-8', immutable: false }],
  ['/graphiql.html', { body: Buffer.from('<!doctype html><title>GraphiQL</title>'), type: 'text/html; charset=utf-8', immutable: false }],
  ['/assets/main-abc.js', { body: Buffer.from('console.log("console")'), type: 'text/javascript; charset=utf-8', immutable: true }],
]);
const OIDC = { kind: 'oidc' as const, issuer: 'https://login.example.org/realms/fjc', clientId: 'oneroof-console', redirectUri: 'https://oneroof.example.org/callback', scope: 'openid' };

describe("the gateway's console routes", () => {
  let stack: TestStack;
  let development: string;
  let production: ProductionGateway;
  let prod: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 10 });
    development = stack.gatewayUrl.replace(/\/graphql$/, '');
    // Production ignores a development data dir: the development sign-in never exists there.
    production = await startProductionGateway(stack, { console: { signIn: OIDC, devIssuerDataDir: stack.dataDir, files: FILES } });
    prod = production.origin;
  });
  afterAll(async () => {
    await production.stop();
    await stack.stop();
  });

  it.each(['/', '/find', '/clients/FJC-000002', '/clients/FJC-000002/consents', '/cases/CASE-000001', '/review', '/statistics', '/callback'])(
    'answers the console page %s with its index.html under a strict CSP',
    async (page) => {
      const response = await fetch(`${prod}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>OneRoof</title>');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
          "connect-src 'self' https://login.example.org; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
      );
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    },
  );

  it('serves hashed assets as immutable, gzipped when asked', async () => {
    const response = await fetch(`${prod}/assets/main-abc.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log("console")');
    expect((await fetch(`${prod}/assets/missing.js`)).status).toBe(404);
  });

  it('keeps the strict API policy on /graphql answers', async () => {
    const token = await stack.token({ sub: 'fjc-staff-2', agency: 'fjc', roles: ['CASE_MANAGER'] });
    const { status, headers } = await postGraphQL(`${prod}/graphql`, '{ client(id: "FJC-000002") { id } }', { token, purpose: 'CASE_MANAGEMENT' });
    expect(status).toBe(200);
    expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('leaves the API routes to the API', async () => {
    const report = await fetch(`${prod}/clients/FJC-000002/disclosure-report.txt`);
    expect(report.status).toBe(401);
    expect(report.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await fetch(`${prod}/health`)).headers.get('content-type')).toBe('application/json');
  });

  it("tells the console how to sign in: the identity provider's public client in production", async () => {
    const config = await (await fetch(`${prod}/console/config.json`)).json();
    expect(config).toEqual({ signIn: 'oidc', issuer: OIDC.issuer, clientId: OIDC.clientId, redirectUri: OIDC.redirectUri, scope: 'openid' });
    expect(await (await fetch(`${development}/console/config.json`)).json()).toEqual({ signIn: 'development' });
  });

  it('refuses the development sign-in and GraphiQL in production (404)', async () => {
    expect((await fetch(`${prod}/auth/dev/identities`)).status).toBe(404);
    const token = await fetch(`${prod}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'fjc-staff-1' }) });
    expect(token.status).toBe(404);
    expect((await fetch(`${prod}/graphiql`)).status).toBe(404);
  });

  it('mints a development token for a listed identity only, which the gateway accepts', async () => {
    const identities = (await (await fetch(`${development}/auth/dev/identities`)).json()) as { identities: { sub: string }[] };
    expect(identities.identities.map((i) => i.sub)).toContain('fjc-staff-1');
    const minted = await fetch(`${development}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'fjc-staff-2', ttlSeconds: 60 }) });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const { body } = await postGraphQL(`${development}/graphql`, '{ client(id: "FJC-000002") { id } }', { token, purpose: 'CASE_MANAGEMENT' });
    expect(body).toEqual({ data: { client: { id: 'FJC-000002' } } });
    for (const bad of [{ sub: 'someone-else' }, { sub: 'fjc-staff-1', ttlSeconds: 86_400 }, { sub: 'fjc-staff-1', ttlSeconds: 1 }]) {
      const refused = await fetch(`${development}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
      expect(refused.status).toBe(400);
    }
    const form = await fetch(`${development}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'sub=fjc-staff-1' });
    expect(form.status).toBe(415);
  });

  it("serves no Apollo landing page (its Sandbox loads code from the internet); GraphiQL instead, outside production", async () => {
    const landing = await fetch(`${development}/graphql`, { headers: { accept: 'text/html' } });
    expect(landing.headers.get('content-type')).not.toMatch(/html/);
    expect(await landing.text()).not.toMatch(/<script|<html|sandbox/i);
    const graphiql = await fetch(`${development}/graphiql`);
    expect(graphiql.status).toBe(200);
    expect(graphiql.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
