import { setLogSink } from '../../lib/log';
import { waitFor } from '../helpers/waitFor';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const TIMEOUT_MS = 600;

/**
 * The gateway tells every agency how long it will wait (signed, `x-oneroof-budget-ms`); an agency
 * that gets to a request only after that, or after the gateway closed the connection, runs nothing
 * and records nothing: the answer would reach nobody.
 */
describe('an agency and the gateway\'s deadline', () => {
  let stack: TestStack;
  let officer: string;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ clients: 20, subgraphTimeoutMs: TIMEOUT_MS, breakerFailures: 5 });
    officer = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    setLogSink((line) => lines.push(line));
  });
  afterAll(async () => {
    setLogSink(null);
    await stack.stop();
  });

  const VIEW = /* GraphQL */ `{ client(id: "FJC-000002") { id police { involved interventions { kind } } } }`;

  it('stops a request whose deadline passes while it runs, and records nothing for the answer it does not send', async () => {
    const police = stack.subgraphs.police;
    const records = () => police.oneroof.sqlite.get<{ n: number }>('SELECT COUNT(*) AS n FROM disclosure_log')!.n;
    const before = records();
    // Stores that work without a break (a slow disk, a big query): the gateway's timers and the
    // agency's own cannot fire until they are done; only the clock tells the deadline has passed.
    // Both: the person links are read from OneRoof's store for the agency, the file from its data.
    const stores = [police.store, police.oneroof.sqlite];
    const alls = stores.map((store) => store.all.bind(store));
    stores.forEach((store, i) => {
      store.all = <T>(sql: string, ...params: unknown[]) => {
        const end = Date.now() + TIMEOUT_MS / 2;
        while (Date.now() < end);
        return alls[i]!<T>(sql, ...(params as Parameters<(typeof alls)[number]>[1][]));
      };
    });
    try {
      const { body, headers } = await postGraphQL(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT' });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['AGENCY_UNAVAILABLE']);
      const requestId = String(headers.get('x-request-id'));
      // Police finishes with the request after the gateway has answered: it either records or drops it.
      await waitFor('police to be done with the request', () => records() > before || lines.some((line) => line.includes('"answer abandoned: nothing released, nothing recorded"') && line.includes(requestId)));
      expect(records()).toBe(before);
    } finally {
      stores.forEach((store, i) => {
        store.all = alls[i]!;
      });
    }
  });

  it('runs nothing and records nothing for a request it reaches after the gateway stopped waiting', async () => {
    const police = stack.subgraphs.police;
    const records = () => police.oneroof.sqlite.get<{ n: number }>('SELECT COUNT(*) AS n FROM disclosure_log')!.n;
    const before = records();
    police.slowDown(TIMEOUT_MS + 600);
    try {
      const { body, headers } = await postGraphQL(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT' });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['AGENCY_UNAVAILABLE']);
      const requestId = headers.get('x-request-id');
      // The held request reaches police now: it is dropped, unrun.
      await waitFor('police to drop the request', () => lines.some((line) => line.includes('"request abandoned before it ran"') && line.includes(String(requestId))));
      expect(records()).toBe(before);
      expect(police.runtime.disclosureLog.list('FJC-000002').filter((r) => r.requestId === requestId)).toEqual([]);
    } finally {
      police.slowDown(0);
    }
    // In time, the same view is released and recorded as ever.
    const { body } = await postGraphQL(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT' });
    expect(body.errors).toBeUndefined();
    expect(records()).toBe(before + 1);
  });
});
