import type { GatewayServer } from '../../gateway/server';
import { postGraphQL } from '../helpers/graphql';
import { startProductionGateway, type ProductionGateway } from '../helpers/productionGateway';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * A gateway built as NODE_ENV=production builds it (tokens still from the development issuer, so
 * the test can mint them), in front of the test stack's subgraphs, beside the stack's own
 * development gateway: each production default is shown against its development counterpart.
 */
describe('safe production defaults of the gateway', () => {
  let stack: TestStack;
  let production: ProductionGateway;
  let productionUrl: string;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 10 });
    token = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    production = await startProductionGateway(stack);
    productionUrl = `${production.origin}/graphql`;
  });
  afterAll(async () => {
    await production.stop();
    await stack.stop();
  });

  const ask = (url: string, query: string, variables?: Record<string, unknown>) => postGraphQL(url, query, { token, purpose: 'CASE_MANAGEMENT', variables });

  it('serves the unified view, with signed subgraph calls', async () => {
    const { status, body } = await ask(productionUrl, '{ client(id: "FJC-000002") { id police { involved } } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { client: { id: 'FJC-000002', police: { involved: true } } } });
  });

  it('refuses introspection', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Client") { fields { name } } }']) {
      const { status, body } = await ask(productionUrl, query);
      expect(status).toBe(400);
      expect(body.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' });
      expect((await ask(stack.gatewayUrl, query)).status).toBe(200);
    }
  });

  it('suggests no field, argument or enum value names', async () => {
    const cases: [string, Record<string, unknown>?][] = [
      ['{ client(id: "FJC-000002") { displayNam } }'],
      ['{ client(idd: "FJC-000002") { id } }'],
      ['query ($s: CaseStatus) { cases(status: $s) { id } }', { s: 'OPE' }],
    ];
    for (const [query, variables] of cases) {
      const developed = await ask(stack.gatewayUrl, query, variables);
      expect(developed.body.errors![0].message).toMatch(/Did you mean/);
      const { body } = await ask(productionUrl, query, variables);
      expect(body.errors!.length).toBeGreaterThan(0);
      for (const { message } of body.errors!) expect(message).not.toMatch(/Did you mean|displayName|OPEN/);
    }
  });

  it('sets security headers on every answer', async () => {
    for (const url of [productionUrl, productionUrl.replace(/graphql$/, 'health')]) {
      const response = await fetch(url, { method: url.endsWith('health') ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: url.endsWith('health') ? undefined : '{}' });
      expect(Object.fromEntries([...response.headers].filter(([name]) => /security|frame|nosniff|referrer|cache|content-type-options|resource-policy/.test(name)))).toEqual({
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
    }
  });

  it('keeps CSRF prevention on and serves no landing page', async () => {
    const form = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}`, 'x-purpose-of-use': 'INTAKE' }, body: '{"query":"{ __typename }"}' });
    expect(form.status).toBe(400);
    const page = await fetch(productionUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/html/);
  });

  it('keeps the message of a query plan that failed outside production, and masks it in production', async () => {
    type Planner = { buildQueryPlan: (...args: unknown[]) => unknown };
    const plannerOf = (server: GatewayServer) => (server.gateway as unknown as { queryPlanner: Planner }).queryPlanner;
    const planners = [plannerOf(stack.gateway), plannerOf(production.server)];
    const originals = planners.map((planner) => planner.buildQueryPlan);
    for (const planner of planners) {
      planner.buildQueryPlan = () => {
        throw new Error('no plan: Client.police cannot be reached from fjc');
      };
    }
    try {
      // A text no earlier test planned: the plan cache would answer it without the planner.
      const query = '{ client(id: "FJC-000002") { id planned: displayName } }';
      const developed = await ask(stack.gatewayUrl, query);
      expect(developed.body.errors).toEqual([{ message: 'no plan: Client.police cannot be reached from fjc', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      const { body } = await ask(productionUrl, query);
      expect(body.errors).toEqual([{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    } finally {
      planners.forEach((planner, i) => {
        planner.buildQueryPlan = originals[i]!;
      });
    }
  });
});
