import { FILE_FIELDS, PARTNER_AGENCIES, type PartnerAgencyId } from '../../lib/agencies';
import { postGraphQL, type GraphQLResponse } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * The agencies' timeout: the production default. Every process of this stack shares one jest
 * process, on two cores shared with other work; a shorter timeout let a healthy FJC time out under
 * that load, open its circuit and fail every answer, which is not what this test is about.
 */
const TIMEOUT_MS = 2000;
const COOLDOWN_MS = 1500;
const CLIENTS = ['FJC-000002', 'FJC-000003', 'FJC-000004', 'FJC-000005'];
const FILES = PARTNER_AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { involved }`).join(' ');
const ONE = /* GraphQL */ `query One($id: ID!) { client(id: $id) { id displayName ${FILES} } }`;
const MANY = /* GraphQL */ `query Many($ids: [ID!]!) { clients(ids: $ids) { id displayName ${FILES} } }`;

type File = { involved: boolean } | null;
type ClientView = { id: string; displayName: string } & Record<string, File>;
type Data = { client?: ClientView; clients?: ClientView[] };
type Answer = GraphQLResponse<Data> & { ms: number };

describe('an agency that dies, one that slows down, under a bounded load', () => {
  let stack: TestStack;
  let token: string;
  /** What each request answered with every agency up, by its variables (withheld fields and their errors included). */
  const healthy = new Map<string, Answer['body']>();

  beforeAll(async () => {
    stack = await startStack({ clients: 40, subgraphTimeoutMs: TIMEOUT_MS, breakerFailures: 3, breakerCooldownMs: COOLDOWN_MS });
    token = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    for (let i = 0; i < 2 * CLIENTS.length; i += 1) {
      const answer = await ask(i);
      expect(answer.status).toBe(200);
      expect((answer.body.errors ?? []).filter((e) => e.extensions?.code !== 'CONSENT_REQUIRED')).toEqual([]);
      healthy.set(keyOf(i), answer.body);
    }
  });
  afterAll(() => stack.stop());

  /** Even requests ask for one client, odd ones for the four: entity fetches of one and of several. */
  const keyOf = (i: number) => (i % 2 === 0 ? CLIENTS[(i / 2) % CLIENTS.length] : 'all');

  async function ask(i: number): Promise<Answer & { key: string }> {
    const started = Date.now();
    const key = keyOf(i);
    const response = key === 'all'
      ? await postGraphQL<Data>(stack.gatewayUrl, MANY, { token, purpose: 'CASE_MANAGEMENT', variables: { ids: CLIENTS } })
      : await postGraphQL<Data>(stack.gatewayUrl, ONE, { token, purpose: 'CASE_MANAGEMENT', variables: { id: key } });
    return { ...response, ms: Date.now() - started, key };
  }

  /** Four clients on loopback, each sending `perClient` requests one after another. */
  async function load(perClient = 8): Promise<(Answer & { key: string })[]> {
    const clients = Array.from({ length: 4 }, async (_, c) => {
      const answers: (Answer & { key: string })[] = [];
      for (let n = 0; n < perClient; n += 1) answers.push(await ask(c * perClient + n));
      return answers;
    });
    return (await Promise.all(clients)).flat();
  }

  /**
   * Every answer: 200; each down agency's file `null` with exactly one AGENCY_UNAVAILABLE error at
   * its path; everything else exactly as with every agency up (data, and the errors of withheld fields).
   */
  function expectDegraded(answers: (Answer & { key: string })[], down: PartnerAgencyId[]): void {
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const before = healthy.get(answer.key)!;
      const views: [(string | number)[], ClientView][] = before.data!.client
        ? [[['client'], before.data!.client]]
        : before.data!.clients!.map((view, i) => [['clients', i], view]);
      const unavailable = views.flatMap(([at]) => down.map((agency) => ({
        message: 'This agency did not answer; its data is not included.',
        path: [...at, FILE_FIELDS[agency]],
        extensions: { code: 'AGENCY_UNAVAILABLE', agency, serviceName: agency },
      })));
      const expected = [...(before.errors ?? []), ...unavailable];
      expect(answer.body.errors ?? []).toEqual(expect.arrayContaining(expected));
      expect(answer.body.errors ?? []).toHaveLength(expected.length);
      const nulled = (view: ClientView) => ({ ...view, ...Object.fromEntries(down.map((agency) => [FILE_FIELDS[agency], null])) });
      expect(answer.body.data).toEqual(before.data!.client ? { client: nulled(before.data!.client) } : { clients: before.data!.clients!.map(nulled) });
    }
  }

  const readiness = async () => (await fetch(stack.gatewayUrl.replace(/graphql$/, 'ready'))).json() as Promise<{ status: string; agencies: Record<string, string> }>;

  it('answers every other agency in full while police is down, and reports police unavailable at once', async () => {
    await stack.subgraphs.police.kill();
    const answers = await load();
    expectDegraded(answers, ['police']);
    // A refused connection fails fast, and once the circuit is open police is not even called.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3 * TIMEOUT_MS);
    expect((await readiness()).agencies.police).toBe('down');
  });

  it('answers within the timeout while housing is also too slow, and stops waiting for it once its circuit opens', async () => {
    stack.subgraphs.housing.slowDown(TIMEOUT_MS + 1500);
    const housingCalls = stack.subgraphs.housing.requests;
    const answers = await load();
    expectDegraded(answers, ['police', 'housing']);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3 * TIMEOUT_MS);
    // 32 requests, but housing was only asked until its circuit opened (and by the odd probe).
    expect(stack.subgraphs.housing.requests - housingCalls).toBeLessThan(16);
    await ask(0);
    const ready = await readiness();
    expect(ready).toMatchObject({ status: 'degraded', agencies: { police: 'down', housing: 'unavailable', fjc: 'up', probation: 'up' } });
  });

  it('never retries a mutation at an agency that does not answer', async () => {
    stack.subgraphs.fjc.slowDown(TIMEOUT_MS + 500);
    const calls = stack.subgraphs.fjc.requests;
    const consents = stack.subgraphs.fjc.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM consents')!.n;
    const revoke = /* GraphQL */ `mutation { revokeConsent(id: "CONSENT-UNKNOWN", reason: "the client withdrew it") { id } }`;
    const { status, body } = await postGraphQL(stack.gatewayUrl, revoke, { token, purpose: 'CASE_MANAGEMENT' });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [{ message: 'This agency did not answer; its data is not included.', path: ['revokeConsent'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'fjc', serviceName: 'fjc' } }],
    });
    stack.subgraphs.fjc.slowDown(0);
    await new Promise((resolve) => setTimeout(resolve, 800)); // the held request reaches the FJC now
    expect(stack.subgraphs.fjc.requests - calls).toBe(1);
    expect(stack.subgraphs.fjc.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM consents')!.n).toBe(consents);
  });

  it('reports an agency that fails inside as answering with an error, not as a generic internal error', async () => {
    const { db } = stack.subgraphs.probation.oneroof.sqlite;
    db.exec('ALTER TABLE client_links RENAME TO client_links_away');
    try {
      const { status, body } = await postGraphQL<Data>(stack.gatewayUrl, ONE, { token, purpose: 'CASE_MANAGEMENT', variables: { id: CLIENTS[0] } });
      expect(status).toBe(200);
      expect(body.data!.client!.probation).toBeNull();
      expect(body.data!.client!.displayName).toBe(healthy.get(CLIENTS[0])!.data!.client!.displayName);
      expect(body.errors!.filter((e) => e.extensions?.serviceName === 'probation')).toEqual([{
        message: 'This agency answered with an error; its data is not included.',
        path: ['client', 'probation'],
        extensions: { code: 'AGENCY_ERROR', agency: 'probation', serviceName: 'probation' },
      }]);
    } finally {
      db.exec('ALTER TABLE client_links_away RENAME TO client_links');
    }
  });

  it('uses police and housing again once they are back, without restarting the gateway', async () => {
    await stack.subgraphs.police.restart();
    stack.subgraphs.housing.slowDown(0);
    // Each circuit lets one probe through after its cool-down; a few requests later all are closed.
    const deadline = Date.now() + 4 * COOLDOWN_MS + 4 * TIMEOUT_MS;
    let last: Answer | undefined;
    for (let i = 0; Date.now() < deadline; i += 1) {
      last = await ask(i);
      if (last.status === 200 && !last.body.errors?.some((e) => e.extensions?.code === 'AGENCY_UNAVAILABLE')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((last?.body.errors ?? []).filter((e) => e.extensions?.code === 'AGENCY_UNAVAILABLE')).toEqual([]);
    const answers = await load();
    expectDegraded(answers, []);
    expect(await readiness()).toEqual({ status: 'ready', agencies: expect.objectContaining({ police: 'up', housing: 'up' }) });
    expect((await fetch(stack.gatewayUrl.replace(/graphql$/, 'health'))).status).toBe(200);
  });
});
