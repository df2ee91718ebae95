import { isDeepStrictEqual } from 'node:util';
import { parse, type GraphQLSchema } from 'graphql';
import { createQueryLimiter } from '../../gateway/queryLimits';
import { AGENCIES, FILE_FIELDS, PARTNER_AGENCIES } from '../../lib/agencies';
import { loadConfig } from '../../lib/config';
import { clientId } from '../../lib/seed/world';
import { fullSelection } from '../helpers/fullSelection';
import { waitFor } from '../helpers/waitFor';
import { postGraphQL, type GraphQLResponse } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/** The most ids `clients(ids:)` takes (the FJC refuses more). */
const CLIENTS = 500;
const TIMEOUT_MS = 5000;
/** Every agency answers in proportion to what it is asked: a few hundred ms for one client, past the timeout for a caseload. */
const PER_KILOBYTE_MS = 150;
const MAX_HOLD_MS = TIMEOUT_MS + 2500;

const FILES = PARTNER_AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { involved }`).join(' ');
/**
 * Every agency's file of a caseload: of as many clients as the limits let one request ask for
 * (`largestCaseload`), the largest request the limits let through, whatever agencies the registry holds.
 */
const CASELOAD = /* GraphQL */ `query Caseload($ids: [ID!]!) { clients(ids: $ids) { id ${FILES} } }`;
const VIEW = /* GraphQL */ `query View($id: ID!) { client(id: $id) { id displayName police { involved interventions { kind } } ${FILES} } }`;

type Answer = GraphQLResponse<Record<string, unknown>>;

/**
 * The ids of the largest caseload the default limits let through: as many of `ids` as the cost limit
 * allows, each client asked of every agency of the registry. It must also stay within the fan-out
 * limit (one entity per client per agency), or the test's attacker would not be the largest request.
 */
function largestCaseload(schema: GraphQLSchema, ids: string[]): string[] {
  const { limits } = loadConfig({});
  const limiter = createQueryLimiter(limits);
  const document = parse(CASELOAD);
  const costOf = (n: number) => limiter.estimateCost(schema, document, { ids: ids.slice(0, n) }).cost;
  let n = ids.length;
  while (n > 0 && costOf(n) > limits.maxCost) n -= 1;
  expect(n).toBeGreaterThan(0);
  // The largest: one more client (where the FJC would take one) is refused by its cost.
  if (n < ids.length) expect(costOf(n + 1)).toBeGreaterThan(limits.maxCost);
  expect(n * AGENCIES.length).toBeLessThanOrEqual(limits.maxFanout);
  return ids.slice(0, n);
}

/**
 * One viewer sends the largest requests the limits allow, several at once, to agencies whose answer
 * time grows with what they are asked (so those requests run out of time at every agency, whatever
 * the machine's load); meanwhile another viewer's unified views must keep every agency's data, and
 * no circuit may open. The outcome, not the timing, is asserted.
 */
describe('one viewer\'s largest requests do not degrade another viewer\'s answers', () => {
  let stack: TestStack;
  let heavy: string;
  let other: string;
  let schema: GraphQLSchema;
  const ids = Array.from({ length: CLIENTS }, (_, i) => clientId(i + 1));

  beforeAll(async () => {
    stack = await startStack({
      clients: CLIENTS,
      subgraphTimeoutMs: TIMEOUT_MS,
      // The strictest circuit: one failure counted against an agency opens it, and it stays open for the
      // rest of the test. None may open: not one of the oversized requests' timeouts is the agencies' fault.
      breakerFailures: 1,
      breakerCooldownMs: 600_000,
      // Long enough a budget for a request that waited its turn to run in full after the one before it.
      resilience: { requestTimeoutMs: 3 * TIMEOUT_MS, viewerConcurrency: 2, viewerQueue: 1 },
    });
    heavy = await stack.token({ sub: 'fjc-staff-heavy', agency: 'fjc', roles: ['CASE_MANAGER'] });
    other = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    schema = stack.gateway.gateway.schema!;
  }, 120_000);
  afterAll(() => stack.stop());

  it('refuses 500 ids with the full client selection before anything is asked, however the ids are given', async () => {
    const full = fullSelection(schema, 'Client', 4);
    const before = AGENCIES.map((a) => stack.subgraphs[a].requests);
    const inVariable = await postGraphQL(stack.gatewayUrl, `query Full($ids: [ID!]!) { clients(ids: $ids) { ${full} } }`, { token: heavy, purpose: 'CASE_MANAGEMENT', variables: { ids } });
    const literal = await postGraphQL(stack.gatewayUrl, `{ clients(ids: ${JSON.stringify(ids)}) { ${full} } }`, { token: heavy, purpose: 'CASE_MANAGEMENT' });
    for (const { status, body } of [inVariable, literal]) {
      expect(status).toBe(400);
      expect(body.errors).toEqual([{ message: expect.stringMatching(/^Query Cost limit of 20000 exceeded, found \d+/), extensions: { code: 'QUERY_TOO_COMPLEX' } }]);
    }
    expect(AGENCIES.map((a) => stack.subgraphs[a].requests)).toEqual(before);
  });

  it('keeps every agency\'s data in the other viewer\'s views while the largest requests run at once, and opens no circuit', async () => {
    const ask = (id: string) => postGraphQL(stack.gatewayUrl, VIEW, { token: other, purpose: 'CASE_MANAGEMENT', variables: { id } });
    const viewed = ['FJC-000002', 'FJC-000003', 'FJC-000004'];
    const healthy = new Map<string, Answer['body']>();
    for (const id of viewed) healthy.set(id, normalized((await ask(id)).body));
    const records = Object.fromEntries(PARTNER_AGENCIES.map((a) => [a, countRecords(a)]));

    const opened = watchCircuits();
    for (const agency of AGENCIES) stack.subgraphs[agency].slowDownBySize(PER_KILOBYTE_MS, MAX_HOLD_MS);
    const caseload = largestCaseload(schema, ids);
    let done = false;
    const attack = Promise.all(Array.from({ length: 6 }, () => postGraphQL(stack.gatewayUrl, CASELOAD, { token: heavy, purpose: 'CASE_MANAGEMENT', variables: { ids: caseload } }))).finally(() => {
      done = true;
    });
    const views: { id: string; answer: Answer }[] = [];
    for (let i = 0; !done || i < 3; i += 1) views.push({ id: viewed[i % viewed.length]!, answer: await ask(viewed[i % viewed.length]!) });
    const answers = await attack;
    // Whatever the agencies still hold is handled before the counts are read.
    await waitFor('every held request to be handled', () => AGENCIES.every((a) => stack.subgraphs[a].held === 0));
    for (const agency of AGENCIES) stack.subgraphs[agency].slowDownBySize(0);

    // Every view of the other viewer is exactly the healthy one (no agency's data lost), and no circuit opened.
    const degraded = views.filter(({ id, answer }) => answer.status !== 200 || !isDeepStrictEqual(normalized(answer.body), healthy.get(id)));
    expect({ degradedViews: degraded.length, circuitsOpened: [...opened] }).toEqual({ degradedViews: 0, circuitsOpened: [] });
    expect(views.length).toBeGreaterThanOrEqual(3);
    // One ran (the largest requests of one viewer run one at a time), one waited its turn, four were
    // told to come back later.
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(4);
    for (const answer of refused) {
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_REQUESTS']);
    }
    // The heavy viewer's own answers degrade: its requests ran out of their time at the agencies.
    for (const answer of answers.filter((a) => a.status !== 429)) {
      expect(answer.status).toBe(200);
      expect([...new Set(answer.body.errors?.map((e) => e.extensions?.code))]).toEqual(['AGENCY_UNAVAILABLE']);
    }
    // The partner agencies stopped at the gateway's deadline: the caseloads were neither released nor
    // recorded there; each of the other viewer's views left its one record per agency.
    for (const agency of PARTNER_AGENCIES) expect({ agency, records: countRecords(agency) - records[agency]! }).toEqual({ agency, records: views.length });
  }, 180_000);

  /**
   * The agencies whose circuit opened at any moment from now on, however briefly: each breaker's
   * failures are watched as they are counted (a success may close a circuit again at once).
   */
  function watchCircuits(): Set<string> {
    const opened = new Set<string>();
    for (const agency of AGENCIES) {
      const breaker = stack.gateway.breakers[agency];
      const acquire = breaker.tryAcquire.bind(breaker);
      breaker.tryAcquire = () => {
        const ticket = acquire();
        if (!ticket) {
          opened.add(agency);
          return ticket;
        }
        return {
          ...ticket,
          failure: () => {
            ticket.failure();
            if (breaker.state !== 'closed') opened.add(agency);
          },
        };
      };
    }
    return opened;
  }

  function countRecords(agency: (typeof AGENCIES)[number]): number {
    return stack.subgraphs[agency].oneroof.sqlite.get<{ n: number }>('SELECT COUNT(*) AS n FROM disclosure_log')!.n;
  }
});

/** Errors in path order: agencies answer in whatever order they finish. */
function normalized(body: Answer['body']): Answer['body'] {
  const key = (e: { path?: (string | number)[] }) => JSON.stringify(e.path ?? []);
  return { ...body, ...(body.errors ? { errors: [...body.errors].sort((a, b) => key(a).localeCompare(key(b))) } : {}) };
}


describe('a request whose size only its data shows', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ clients: 40, limits: { maxFanout: 40 } });
  });
  afterAll(() => stack.stop());

  it('sends no agency call past the request\'s fan-out limit, and answers those files TOO_MANY_ENTITIES', async () => {
    const token = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    // How many members ten cases have is known only once the FJC answered: the cost counts them once.
    const query = /* GraphQL */ `{ cases(first: 10) { id members { client { id ${FILES} } } } }`;
    const before = Object.fromEntries(PARTNER_AGENCIES.map((a) => [a, stack.subgraphs[a].requests]));
    const { status, body } = await postGraphQL<{ cases: { members: { client: Record<string, unknown> }[] }[] }>(stack.gatewayUrl, query, { token, purpose: 'CASE_MANAGEMENT' });
    expect(status).toBe(200);
    const clients = body.data!.cases.flatMap((c) => c.members.map((m) => m.client));
    expect(clients.length).toBeGreaterThan(6);
    const called = PARTNER_AGENCIES.filter((a) => stack.subgraphs[a].requests > before[a]!);
    const refused = PARTNER_AGENCIES.filter((a) => !called.includes(a));
    // The FJC's fetch and each agency called, at one entity per client, stay within the limit.
    expect(1 + called.length * clients.length).toBeLessThanOrEqual(40);
    expect(refused.length).toBeGreaterThan(0);
    for (const agency of refused) {
      const errors = body.errors!.filter((e) => e.extensions?.agency === agency);
      expect(errors).toHaveLength(clients.length);
      expect(errors[0]).toMatchObject({ message: 'This request reached more agency records than one request may (40): ask for fewer at once.', extensions: { code: 'TOO_MANY_ENTITIES', limit: 40 } });
      for (const client of clients) expect(client[FILE_FIELDS[agency]]).toBeNull();
    }
    // The agencies called answered as ever (a withheld file keeps its own error).
    expect(body.errors!.filter((e) => called.includes(e.extensions?.agency as never) && e.extensions?.code === 'TOO_MANY_ENTITIES')).toEqual([]);
  });
});
