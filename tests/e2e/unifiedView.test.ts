import { AGENCIES, FILE_FIELDS as FIELD_OF, PARTNER_AGENCIES } from '../../lib/agencies';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { recordConsent } from '../helpers/fjcRecords';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/** Every partner agency's file on `Client`, as the registry names it. */
const FILE_FIELDS = PARTNER_AGENCIES.map((agency) => FIELD_OF[agency]!);
const FILES = FILE_FIELDS.map((field) => `${field} { involved since capacity }`).join('\n');

type Files = Record<string, { involved: boolean; since: string | null; capacity: string | null } | null>;
type ClientView = { id: string; displayName: string | null; agencyLinks: { agency: string }[] } & Files;

describe('the unified client view through the gateway', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token({ sub: 'fjc-staff-1', name: 'Case Manager One', agency: 'fjc', roles: ['CASE_MANAGER'] });
    // Being in mental-health care is itself health data: shared with the FJC on consent only.
    for (const clientId of [FIXTURE_CLIENTS.knownToAll, FIXTURE_CLIENTS.knownToNone]) {
      await recordConsent(stack, token, { clientId, granteeAgency: 'fjc', categories: ['HEALTH'] });
    }
  });
  afterAll(() => stack.stop());

  const clientQuery = /* GraphQL */ `query Client($id: ID!) { client(id: $id) { id displayName agencyLinks { agency } ${FILES} } }`;

  it('assembles a client known to every partner agency in one request, each file from its own agency', async () => {
    const { status, body } = await postGraphQL<{ client: ClientView }>(stack.gatewayUrl, clientQuery, {
      token, purpose: 'CASE_MANAGEMENT', variables: { id: FIXTURE_CLIENTS.knownToAll },
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const client = body.data!.client;
    expect(client.id).toBe(FIXTURE_CLIENTS.knownToAll);
    expect(client.displayName).toEqual(expect.any(String));
    for (const field of FILE_FIELDS) {
      expect(client[field]).toMatchObject({ involved: true, since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), capacity: expect.any(String) });
    }
    expect(client.agencyLinks.map((l) => l.agency).sort()).toEqual([...PARTNER_AGENCIES].sort());
  });

  it('answers involved: false and nothing else for a client no agency knows', async () => {
    const { body } = await postGraphQL<{ client: ClientView }>(stack.gatewayUrl, clientQuery, {
      token, purpose: 'CASE_MANAGEMENT', variables: { id: FIXTURE_CLIENTS.knownToNone },
    });
    expect(body.errors).toBeUndefined();
    const client = body.data!.client;
    expect(client.agencyLinks).toEqual([]);
    for (const field of FILE_FIELDS) expect(client[field]).toMatchObject({ involved: false, since: null, capacity: null });
  });

  it('answers null for an unknown client id, without an error', async () => {
    const { status, body } = await postGraphQL(stack.gatewayUrl, clientQuery, {
      token, purpose: 'CASE_MANAGEMENT', variables: { id: 'FJC-999999' },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { client: null } });
  });

  it('finds clients by name and date of birth', async () => {
    const { body: found } = await postGraphQL<{ client: { firstName: string; dateOfBirth: string } }>(
      stack.gatewayUrl, /* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.victim}") { firstName dateOfBirth } }`,
      { token, purpose: 'CASE_MANAGEMENT' },
    );
    const { firstName, dateOfBirth } = found.data!.client;
    const { body } = await postGraphQL<{ searchClients: { id: string }[] }>(
      stack.gatewayUrl, /* GraphQL */ `query Search($name: String, $dob: String) { searchClients(name: $name, dateOfBirth: $dob) { id } }`,
      { token, purpose: 'INTAKE', variables: { name: firstName.toLowerCase(), dob: dateOfBirth } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.searchClients.map((c) => c.id)).toContain(FIXTURE_CLIENTS.victim);
  });

  it('lists the members of a case with their role in it', async () => {
    const { body } = await postGraphQL<{ client: { cases: { role: string; case: { status: string; members: { role: string; client: { id: string } }[] } }[] } }>(
      stack.gatewayUrl,
      /* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.victim}") { cases { role case { status members { role client { id } } } } } }`,
      { token, purpose: 'CASE_MANAGEMENT' },
    );
    expect(body.data!.client.cases).toEqual([
      {
        role: 'VICTIM',
        case: {
          status: 'OPEN',
          members: [
            { role: 'VICTIM', client: { id: FIXTURE_CLIENTS.victim } },
            { role: 'PERPETRATOR', client: { id: FIXTURE_CLIENTS.knownToAll } },
            { role: 'CHILD', client: { id: FIXTURE_CLIENTS.child } },
          ],
        },
      },
    ]);
  });

  it('echoes the caller\'s X-Request-Id and makes one up when absent', async () => {
    const given = await postGraphQL(stack.gatewayUrl, '{ __typename }', { token, purpose: 'INTAKE', headers: { 'x-request-id': 'desk-42' } });
    expect(given.headers.get('x-request-id')).toBe('desk-42');
    const made = await postGraphQL(stack.gatewayUrl, '{ __typename }', { token, purpose: 'INTAKE' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports health, and readiness of every agency', async () => {
    const base = stack.gatewayUrl.replace(/graphql$/, '');
    expect((await fetch(`${base}health`)).status).toBe(200);
    const ready = await fetch(`${base}ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      agencies: Object.fromEntries(AGENCIES.map((agency) => [agency, 'up'])),
    });
  });
});
