import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/** The in-process tier itself: the same answers and checks as over HTTP, without a socket. */
describe('the in-process federation', () => {
  let federation: InProcessFederation;

  beforeAll(async () => {
    federation = await startInProcess({ clients: 20 });
  });
  afterAll(() => federation.stop());

  const POLICE = { sub: 'police-staff-1', agency: 'police' as const, roles: ['AGENCY_STAFF' as const] };

  it('answers a unified view through the gateway and the owning subgraphs, which record the disclosure', async () => {
    const before = federation.subgraphs.police.runtime.disclosureLog.list(FIXTURE_CLIENTS.knownToAll).length;
    const { status, body } = await federation.post(/* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { id police { involved capacity } } }`, {
      token: await federation.token(POLICE), purpose: 'CASE_MANAGEMENT',
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { client: { id: FIXTURE_CLIENTS.knownToAll, police: { involved: true, capacity: 'SUSPECT' } } } });
    expect(federation.subgraphs.police.runtime.disclosureLog.list(FIXTURE_CLIENTS.knownToAll)).toHaveLength(before + 1);
  });

  it('refuses a request without a token before anything is planned, with the HTTP status of the gateway', async () => {
    const { status, body } = await federation.post(/* GraphQL */ `{ client(id: "FJC-000001") { id } }`, { purpose: 'CASE_MANAGEMENT' });
    expect(status).toBe(401);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('reaches subgraphs that refuse unsigned requests: the gateway signs the exact bytes it hands over', async () => {
    const unsigned = await federation.subgraphs.police.handle({
      method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${await federation.token(POLICE)}`, 'x-purpose-of-use': 'CASE_MANAGEMENT' },
      readBody: async () => Buffer.from(JSON.stringify({ query: '{ __typename }' })),
    });
    expect(unsigned.status).toBe(401);
  });
});
