import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const QUERY = /* GraphQL */ `{ client(id: "FJC-000001") { id displayName police { involved } } }`;

describe('authentication and purpose of use', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
    token = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
  });
  afterAll(() => stack.stop());

  function expectRefused(response: Awaited<ReturnType<typeof postGraphQL>>, status: number, code: string, more: Record<string, unknown> = {}) {
    expect(response.status).toBe(status);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors![0].extensions).toEqual({ code, ...more });
  }

  it('refuses a request without a token', async () => {
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { purpose: 'CASE_MANAGEMENT' }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a malformed or tampered token', async () => {
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token: 'abc.def.ghi', purpose: 'CASE_MANAGEMENT' }), 401, 'UNAUTHENTICATED');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, agency: 'police' })).toString('base64url');
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token: `${header}.${forged}.${signature}`, purpose: 'CASE_MANAGEMENT' }), 401, 'UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const expired = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] }, -1);
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token: expired, purpose: 'CASE_MANAGEMENT' }), 401, 'UNAUTHENTICATED');
  });

  it('requires a known purpose of use', async () => {
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token }), 400, 'PURPOSE_REQUIRED');
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token, purpose: 'CURIOSITY' }), 400, 'PURPOSE_REQUIRED');
  });

  it('requires the companion header of a legal basis, and a valid one', async () => {
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token, purpose: 'SECURITY_CONFERENCE' }), 400, 'PURPOSE_REQUIRED');
    expectRefused(await postGraphQL(stack.gatewayUrl, QUERY, { token, purpose: 'EMERGENCY' }), 400, 'PURPOSE_REQUIRED');
    expectRefused(
      await postGraphQL(stack.gatewayUrl, QUERY, { token, purpose: 'EMERGENCY', headers: { 'x-emergency-reason': 'urgent' } }),
      400, 'INVALID_BASIS', { header: 'X-Emergency-Reason' },
    );
  });

  it('answers with a token and a purpose', async () => {
    const response = await postGraphQL(stack.gatewayUrl, QUERY, { token, purpose: 'CASE_MANAGEMENT' });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('has every subgraph verify the token itself, whoever calls it', async () => {
    const entities = /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Client { police { involved } } } }`;
    const variables = { r: [{ __typename: 'Client', id: 'FJC-000001' }] };
    const forgedCall = await postGraphQL(stack.subgraphs.police.url, entities, { purpose: 'CASE_MANAGEMENT', variables });
    expectRefused(forgedCall, 401, 'UNAUTHENTICATED');
    const police = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    const withToken = await postGraphQL(stack.subgraphs.police.url, entities, { token: police, purpose: 'CASE_MANAGEMENT', variables });
    expect(withToken.body).toEqual({ data: { _entities: [{ police: { involved: true } }] } });
  });
});
