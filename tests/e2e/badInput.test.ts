import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterClientInput!) { registerClient(input: $input) { id displayName } }
`;
const VALID = {
  firstName: 'Testa', lastName: 'Synthetica', dateOfBirth: '1990-04-02', gender: 'FEMALE', language: 'nl',
  interpreterNeeded: false, addressProtected: true, phone: '+32 499 00 00 00',
  address: { street: 'Proefstraat 1', postalCode: '2000', municipality: 'Antwerpen' },
};

describe('bad input through the gateway', () => {
  let stack: TestStack;
  let frontDesk: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
    frontDesk = await stack.token({ sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] });
  });
  afterAll(() => stack.stop());

  const clientCount = () => stack.subgraphs.fjc.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM clients')!.n;

  it('registers a client at the front desk and gives a new FJC id', async () => {
    const before = clientCount();
    const { body } = await postGraphQL<{ registerClient: { id: string; displayName: string } }>(
      stack.gatewayUrl, REGISTER, { token: frontDesk, purpose: 'INTAKE', variables: { input: VALID } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.registerClient).toEqual({ id: 'FJC-000041', displayName: 'Testa Synthetica' });
    expect(clientCount()).toBe(before + 1);
    const row = stack.subgraphs.fjc.store.get<{ registered_by: string; request_id: string }>(
      'SELECT registered_by, request_id FROM clients WHERE id = ?', 'FJC-000041');
    expect(row).toEqual({ registered_by: 'fjc-desk-1', request_id: expect.any(String) });
  });

  it.each([
    ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 'input.dateOfBirth'],
    ['an impossible date', { dateOfBirth: '1990-02-30' }, 'input.dateOfBirth'],
    ['an empty last name', { lastName: '   ' }, 'input.lastName'],
    ['a language that is no ISO code', { language: 'Dutch!' }, 'input.language'],
    ['an e-mail address without @', { email: 'nobody' }, 'input.email'],
    ['control characters in a name', { firstName: 'A\u0000B' }, 'input.firstName'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_name, change, field) => {
    const before = clientCount();
    const { body } = await postGraphQL(stack.gatewayUrl, REGISTER, {
      token: frontDesk, purpose: 'INTAKE', variables: { input: { ...VALID, ...change } },
    });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors![0].message).toContain(field);
    expect(clientCount()).toBe(before);
  });

  it('refuses registration by staff of another agency, and writes nothing', async () => {
    const police = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    const before = clientCount();
    const { body } = await postGraphQL(stack.gatewayUrl, REGISTER, { token: police, purpose: 'INTAKE', variables: { input: VALID } });
    expect(body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(clientCount()).toBe(before);
  });

  it('answers a malformed query with a parse error', async () => {
    const { status, body } = await postGraphQL(stack.gatewayUrl, '{ client(id: "FJC-000001") { id ', { token: frontDesk, purpose: 'INTAKE' });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('answers an unknown field with a validation error', async () => {
    const { status, body } = await postGraphQL(stack.gatewayUrl, '{ client(id: "FJC-000001") { socialSecurityNumber } }', { token: frontDesk, purpose: 'INTAKE' });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT', async () => {
    const { body } = await postGraphQL(stack.gatewayUrl, 'query ($id: ID!) { client(id: $id) { id } }', {
      token: frontDesk, purpose: 'INTAKE', variables: { id: { nested: true } },
    });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('answers a body that is not JSON, or too large, with a clear error', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${frontDesk}`, 'x-purpose-of-use': 'INTAKE' };
    const notJson = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    const huge = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(2_000_000)}` }) });
    expect(huge.status).toBe(413);
  });

  it('refuses a search without criteria and a page size out of bounds', async () => {
    const none = await postGraphQL(stack.gatewayUrl, '{ searchClients { id } }', { token: frontDesk, purpose: 'INTAKE' });
    expect(none.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const many = await postGraphQL(stack.gatewayUrl, '{ searchClients(name: "ab", first: 100000) { id } }', { token: frontDesk, purpose: 'INTAKE' });
    expect(many.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
