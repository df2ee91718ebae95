import { Kind, parse, visit } from 'graphql';
import { AGENCIES, type AgencyId } from '../../lib/agencies';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import type { Category } from '../../lib/viewer';
import { postGraphQL, type GraphQLResponse, type PostOptions } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const { victim, knownToAll } = FIXTURE_CLIENTS;
const WORLD = { clients: 40, seed: 7 };
const victimRecord = generateWorld(WORLD).clients.find((c) => c.id === victim)!;
const EMERGENCY = { 'x-emergency-reason': 'Victim reports threats tonight, police on the way' };

/** A field the gateway removed; its remedy NONE unless `purposes` would reach it for the viewer's roles. */
const forbidden = (path: (string | number)[], category: Category, agency: AgencyId, purposes?: string[]) => ({
  message: 'This field is withheld.', path,
  extensions: { code: 'FORBIDDEN', category, agency, reason: 'ABOVE_CEILING', remedy: purposes ? { kind: 'PURPOSE', category, purposes } : { kind: 'NONE', category } },
});
const BEYOND_EMERGENCY = ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'];
const forbiddenOf = (response: GraphQLResponse) => (response.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');

/** The operations each subgraph received while `act` ran: their text and the field names (never aliases) they select. */
interface Asked {
  queries: Record<AgencyId, string[]>;
  fields: Record<AgencyId, Set<string>>;
}

describe('ceilings at the gateway, before planning', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({ ...WORLD, recordBodies: true });
    tokens.frontDesk = await stack.token({ sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] });
    tokens.caseManager = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    tokens.coordinator = await stack.token({ sub: 'fjc-coord-1', agency: 'fjc', roles: ['COORDINATOR'] });
    tokens.auditor = await stack.token({ sub: 'fjc-audit-1', agency: 'fjc', roles: ['AUDITOR'] });
  });
  afterAll(() => stack.stop());

  async function ask(token: string, query: string, options: PostOptions): Promise<{ response: GraphQLResponse; asked: Asked }> {
    const before = Object.fromEntries(AGENCIES.map((a) => [a, stack.subgraphs[a].bodies.length]));
    const response = await postGraphQL(stack.gatewayUrl, query, { token: tokens[token], ...options });
    return { response, asked: askedSince(before) };
  }

  function askedSince(before: Record<string, number>): Asked {
    const asked: Asked = { queries: {} as Asked['queries'], fields: {} as Asked['fields'] };
    for (const agency of AGENCIES) {
      const queries = stack.subgraphs[agency].bodies.slice(before[agency]).map((b) => (JSON.parse(b) as { query: string }).query);
      const fields = new Set<string>();
      for (const query of queries) visit(parse(query), { [Kind.FIELD]: (node: { name: { value: string } }) => void fields.add(node.name.value) });
      asked.queries[agency] = queries;
      asked.fields[agency] = fields;
    }
    return asked;
  }

  /** No subgraph's operation text so much as names one of `names`. */
  function expectNeverAsked(asked: Asked, names: string[]) {
    const pattern = new RegExp(`\\b(${names.join('|')})\\b`);
    for (const agency of AGENCIES) for (const query of asked.queries[agency]) expect(query).not.toMatch(pattern);
  }

  const DESK_VIEW = /* GraphQL */ `{ client(id: "${victim}") { displayName address { street } police { involved interventions { kind } } } }`;

  it('shows the front desk identity and involvement, withholds contact and justice data, and asks no subgraph for them', async () => {
    const { response, asked } = await ask('frontDesk', DESK_VIEW, { purpose: 'INTAKE' });
    expect(response.status).toBe(200);
    expect(forbiddenOf(response)).toEqual([
      forbidden(['client', 'address'], 'CONTACT', 'fjc'),
      forbidden(['client', 'police', 'interventions'], 'JUSTICE', 'police'),
    ]);
    const client = (response.body.data as { client: { displayName: string; address: null; police: { interventions: null } | null } }).client;
    expect(client.displayName).toBe(`${victimRecord.firstName} ${victimRecord.lastName}`); // the FJC's own registry, shown to its own front desk
    expect(client.address).toBeNull();
    expect(client.police?.interventions ?? null).toBeNull();
    expect([...asked.fields.fjc]).toEqual(expect.arrayContaining(['displayName']));
    expect([...asked.fields.police]).toEqual(expect.arrayContaining(['police', 'involved']));
    expectNeverAsked(asked, ['address', 'street', 'interventions', 'kind']);
  });

  it('answers the same text by the viewer\'s ceiling, whoever asked it before (no plan is shared across ceilings)', async () => {
    const query = /* GraphQL */ `{ client(id: "${victim}") { id displayName phone address { street } } }`;
    const first = await ask('caseManager', query, { purpose: 'CASE_MANAGEMENT' });
    const desk = await ask('frontDesk', query, { purpose: 'INTAKE' });
    const again = await ask('caseManager', query, { purpose: 'CASE_MANAGEMENT' });
    const full = first.response.body.data as { client: { id: string; displayName: string; phone: string; address: { street: string } } };
    expect(first.response.body.errors).toBeUndefined();
    expect(full.client.address.street).toEqual(expect.any(String));
    expect(again.response.body).toEqual(first.response.body);
    expect(desk.response.body).toEqual({
      data: { client: { id: victim, displayName: full.client.displayName, phone: null, address: null } },
      errors: [forbidden(['client', 'phone'], 'CONTACT', 'fjc'), forbidden(['client', 'address'], 'CONTACT', 'fjc')],
    });
    expect([...first.asked.fields.fjc]).toEqual(expect.arrayContaining(['phone', 'address', 'street']));
    expectNeverAsked(desk.asked, ['phone', 'address', 'street']);
  });

  it('filters an operation sent with GET too', async () => {
    const before = Object.fromEntries(AGENCIES.map((a) => [a, stack.subgraphs[a].bodies.length]));
    const url = `${stack.gatewayUrl}?query=${encodeURIComponent(`{ client(id: "${victim}") { displayName address { street } } }`)}`;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${tokens.frontDesk}`, 'x-purpose-of-use': 'INTAKE', 'apollo-require-preflight': 'true' },
    });
    const body = (await response.json()) as GraphQLResponse['body'];
    expect(body.errors).toEqual([forbidden(['client', 'address'], 'CONTACT', 'fjc')]);
    expect(body.data).toEqual({ client: { displayName: expect.any(String), address: null } });
    expectNeverAsked(askedSince(before), ['address', 'street']);
  });

  const PERSON_FIELDS = ['displayName', 'phone', 'involved', 'interventions', 'kind'];
  const STATS_VIEW = /* GraphQL */ `{ clients(ids: ["${victim}", "${knownToAll}"]) { id displayName phone police { involved interventions { kind } } mentalHealth { involved } } }`;

  it.each([
    ['a coordinator', 'coordinator', 'STATISTICS'],
    ['an auditor', 'auditor', 'AUDIT'],
    ['a coordinator, whatever the purpose', 'coordinator', 'CASE_MANAGEMENT'],
    ['a case manager asking for statistics', 'caseManager', 'STATISTICS'],
  ])('shows %s (%s, %s) no person field at all', async (_name, token, purpose) => {
    const { response, asked } = await ask(token, STATS_VIEW, { purpose });
    // The gateway removes every person field; the FJC then refuses the lookup itself, so a viewer
    // whose ceiling holds no category of persons does not even learn which ids exist.
    expect(response.body).toEqual({
      data: null,
      errors: [{ message: 'Not permitted for this role and purpose.', path: ['clients'], extensions: { code: 'FORBIDDEN', serviceName: 'fjc' } }],
    });
    expectNeverAsked(asked, PERSON_FIELDS);
  });

  const FILES_VIEW = /* GraphQL */ `{ client(id: "${knownToAll}") {
    displayName phone
    police { involved barringOrders { status } riskAssessments { level } interventions { kind } }
    probation { involved supervisionOrders { status } }
    mentalHealth { involved }
  } }`;

  it('lets an emergency reach identity, involvement and safety data, and nothing else', async () => {
    const { response, asked } = await ask('caseManager', FILES_VIEW, { purpose: 'EMERGENCY', headers: EMERGENCY });
    expect(forbiddenOf(response)).toEqual([
      forbidden(['client', 'phone'], 'CONTACT', 'fjc', BEYOND_EMERGENCY),
      forbidden(['client', 'police', 'interventions'], 'JUSTICE', 'police', BEYOND_EMERGENCY),
      forbidden(['client', 'probation', 'supervisionOrders'], 'JUSTICE', 'probation', BEYOND_EMERGENCY),
      forbidden(['client', 'mentalHealth', 'involved'], 'HEALTH', 'mental-health', BEYOND_EMERGENCY),
    ]);
    expect([...asked.fields.police]).toEqual(expect.arrayContaining(['involved', 'barringOrders', 'status', 'riskAssessments', 'level']));
    expect([...asked.fields.probation]).toEqual(expect.arrayContaining(['involved']));
    expectNeverAsked(asked, ['phone', 'interventions', 'kind', 'supervisionOrders']);
    expect(asked.fields['mental-health'].has('involved')).toBe(false);
  });

  it('takes nothing out for a case manager in case management: every field reaches its subgraph', async () => {
    const { response, asked } = await ask('caseManager', FILES_VIEW, { purpose: 'CASE_MANAGEMENT' });
    expect(forbiddenOf(response)).toEqual([]);
    expect([...asked.fields.fjc]).toEqual(expect.arrayContaining(['displayName', 'phone']));
    expect([...asked.fields.police]).toEqual(expect.arrayContaining(['involved', 'barringOrders', 'riskAssessments', 'interventions', 'kind']));
    expect([...asked.fields.probation]).toEqual(expect.arrayContaining(['involved', 'supervisionOrders']));
    expect([...asked.fields['mental-health']]).toEqual(expect.arrayContaining(['involved']));
  });
});
