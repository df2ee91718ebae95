import { AGENCIES, type AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { setLogSink } from '../../lib/log';
import { createRandom } from '../../lib/seed/random';
import { clientId } from '../../lib/seed/world';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const REQUESTS = 200;
const CONCURRENCY = 8;
const CLIENTS = 60;
const QUERY = /* GraphQL */ `query Load($ids: [ID!]!) { clients(ids: $ids) { displayName police { involved } mentalHealth { involved } } }`;
const LOGGED: readonly AgencyId[] = ['fjc', 'police', 'mental-health'];

interface Viewer {
  claims: DevTokenClaims;
  purpose: string;
  headers?: Record<string, string>;
  /** Whether the viewer's ceiling reaches HEALTH: if not, the gateway removes `mentalHealth.involved`, so mental health decides nothing. */
  reachesHealth: boolean;
}

const VIEWERS: Viewer[] = [
  { claims: { sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] }, purpose: 'CASE_MANAGEMENT', reachesHealth: true },
  { claims: { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] }, purpose: 'CASE_MANAGEMENT', reachesHealth: true },
  { claims: { sub: 'housing-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] }, purpose: 'EMERGENCY', headers: { 'x-emergency-reason': 'Threat reported at the door' }, reachesHealth: false },
  { claims: { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] }, purpose: 'INTAKE', reachesHealth: false },
  { claims: { sub: 'probation-staff-1', agency: 'probation', roles: ['AGENCY_STAFF'] }, purpose: 'CASE_MANAGEMENT', reachesHealth: true },
];

interface Planned {
  requestId: string;
  viewer: Viewer;
  ids: string[];
}

/** The requests, decided up front from a seed: 1 to 3 distinct clients each, any viewer. */
function plan(): Planned[] {
  const random = createRandom(2026);
  return Array.from({ length: REQUESTS }, (_, i) => {
    const ids = new Set<string>();
    const wanted = random.int(1, 3);
    while (ids.size < wanted) ids.add(clientId(random.int(1, CLIENTS)));
    return { requestId: `load-${i}`, viewer: random.pick(VIEWERS), ids: [...ids].sort() };
  });
}

/** Which (request, client) pairs each agency decides: the FJC (displayName) and police always, mental health when reached. */
function expectedPairs(requests: Planned[]): Record<string, string[]> {
  const pairs: Record<string, string[]> = Object.fromEntries(LOGGED.map((a) => [a, []]));
  for (const { requestId, viewer, ids } of requests) {
    for (const id of ids) {
      pairs.fjc!.push(`${requestId}/${id}`);
      pairs.police!.push(`${requestId}/${id}`);
      if (viewer.reachesHealth) pairs['mental-health']!.push(`${requestId}/${id}`);
    }
  }
  return Object.fromEntries(Object.entries(pairs).map(([agency, list]) => [agency, list.sort()]));
}

describe('disclosure records under concurrent load (loopback, bounded)', () => {
  let stack: TestStack;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ clients: CLIENTS });
  });
  afterAll(async () => {
    setLogSink(null);
    await stack.stop();
  });

  const countOf = (agency: AgencyId) => stack.subgraphs[agency].oneroof.sqlite.get<{ n: number }>('SELECT COUNT(*) AS n FROM disclosure_log')!.n;

  it(`records exactly one disclosure per (request, client) each agency decided: ${REQUESTS} requests, ${CONCURRENCY} at a time`, async () => {
    const requests = plan();
    const tokens = new Map(await Promise.all(VIEWERS.map(async (v) => [v, await stack.token(v.claims)] as const)));
    const before = Object.fromEntries(LOGGED.map((a) => [a, countOf(a)]));
    setLogSink((line) => lines.push(line));

    const queue = [...requests];
    const statuses: number[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { status, body } = await postGraphQL(stack.gatewayUrl, QUERY, {
          token: tokens.get(next.viewer), purpose: next.viewer.purpose, variables: { ids: next.ids },
          headers: { ...next.viewer.headers, 'x-request-id': next.requestId },
        });
        statuses.push(body.data?.clients ? status : -status);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    setLogSink(null);
    expect(statuses).toEqual(Array(REQUESTS).fill(200));

    const expected = expectedPairs(requests);
    for (const agency of LOGGED) {
      expect(countOf(agency) - before[agency]!).toBe(expected[agency]!.length);
      const recorded = stack.subgraphs[agency].oneroof.sqlite
        .all<{ pair: string }>("SELECT request_id || '/' || client_id AS pair FROM disclosure_log WHERE request_id LIKE 'load-%' ORDER BY pair")
        .map((r) => r.pair);
      // The same pairs, each once: nothing lost, nothing doubled, nothing under another request's id.
      expect(recorded).toEqual(expected[agency]);
      expect(await stack.subgraphs[agency].runtime.disclosureLog.verify()).toMatchObject({ ok: true });
    }
    for (const agency of AGENCIES.filter((a) => !LOGGED.includes(a))) expect(countOf(agency)).toBe(0);
  });

  it('wrote one gateway request-log line per request, counting the agencies it called', () => {
    const logged = lines
      .map((line) => JSON.parse(line) as { message: string; requestId?: string; subgraphs?: Record<string, number>; operationName?: string })
      .filter((entry) => entry.message === 'gateway request' && entry.requestId?.startsWith('load-'));
    expect(logged).toHaveLength(REQUESTS);
    expect(new Set(logged.map((e) => e.requestId)).size).toBe(REQUESTS);
    // One fetch per agency: the clients, then every file of the batch at once. A file whose fields
    // were all removed above the ceiling is still fetched (for its type), and decides nothing.
    for (const entry of logged) expect([entry.operationName, entry.subgraphs]).toEqual(['Load', { fjc: 1, 'mental-health': 1, police: 1 }]);
  });
});
