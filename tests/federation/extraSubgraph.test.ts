import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { EXTRA_NAME, outsidePartnerSubgraph } from '../helpers/extraSubgraph';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * The gateway serves whatever supergraph it is given: a subgraph whose name the registry does not
 * list (a partner's own system, in any language) is planned, owned, timed and broken by its name.
 */
describe('a supergraph with a subgraph the registry does not list', () => {
  let federation: InProcessFederation;
  let stopExtra: () => Promise<void>;
  const CLIENT = FIXTURE_CLIENTS.knownToAll;
  const MANAGER = { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER' as const] };
  const FRONT_DESK = { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK' as const] };
  const VIEW = /* GraphQL */ `{ client(id: "${CLIENT}") { id police { involved } outsidePartner { involved sessions } } }`;

  beforeAll(async () => {
    const extra = await outsidePartnerSubgraph();
    stopExtra = extra.stop;
    federation = await startInProcess({ clients: 20, extraSubgraphs: [extra] });
  });
  afterAll(async () => {
    await federation.stop();
    await stopExtra();
  });

  it('starts, and answers from the extra subgraph and the agencies in one request', async () => {
    const { body } = await federation.post(VIEW, { token: await federation.token(MANAGER), purpose: 'CASE_MANAGEMENT' });
    expect(body).toEqual({ data: { client: { id: CLIENT, police: { involved: true }, outsidePartner: { involved: true, sessions: 3 } } } });
  });

  it('owns its labelled fields by its name: above the ceiling they are withheld in its name, before planning', async () => {
    const { body } = await federation.post(VIEW, { token: await federation.token(FRONT_DESK), purpose: 'INTAKE' });
    expect(body.data).toEqual({ client: { id: CLIENT, police: { involved: true }, outsidePartner: { involved: true, sessions: null } } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['client', 'outsidePartner', 'sessions'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'SAFETY', agency: EXTRA_NAME }),
      }),
    ]);
  });

  it('has a circuit of its own, by its name', () => {
    expect(Object.keys(federation.gateway.breakers).sort()).toEqual([...Object.keys(federation.subgraphs), EXTRA_NAME].sort());
    expect(federation.gateway.breakers[EXTRA_NAME]!.state).toBe('closed');
  });
});

describe('the timeout of a subgraph the registry does not list', () => {
  let federation: InProcessFederation;
  let stopExtra: () => Promise<void>;

  beforeAll(async () => {
    const slow = await outsidePartnerSubgraph(1500);
    stopExtra = slow.stop;
    federation = await startInProcess({ clients: 20, extraSubgraphs: [slow], subgraphTimeoutMs: { [EXTRA_NAME]: 50 } });
  });
  afterAll(async () => {
    await stopExtra();
    await federation.stop();
  });

  it('is its own: it answers AGENCY_UNAVAILABLE in its name while every agency answers', async () => {
    const token = await federation.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    const { body } = await federation.post(/* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { police { involved } outsidePartner { involved } } }`, {
      token, purpose: 'CASE_MANAGEMENT',
    });
    expect(body.data).toEqual({ client: { police: { involved: true }, outsidePartner: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['client', 'outsidePartner'], extensions: expect.objectContaining({ code: 'AGENCY_UNAVAILABLE', agency: EXTRA_NAME }) }),
    ]);
  });
});
