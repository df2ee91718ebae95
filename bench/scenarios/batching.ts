import { AGENCIES, type AgencyId } from '../../lib/agencies';
import type { TestStack } from '../../tests/helpers/stack';
import { alternate, type Compared } from '../lib/compare';
import type { BenchSettings } from '../lib/context';
import { post, runAutocannon } from '../lib/load';
import { caseloadBodies, clientPool, isCaseload, recordConsents, requestHeaders, VIEWER } from '../lib/workload';

export const CASELOAD_SIZES = [10, 50, 200] as const;

/** What one caseload view cost one agency. */
export interface AgencyCost {
  /** GraphQL requests the agency's subgraph received. */
  requests: number;
  /** Statements its store and OneRoof's own store for it (person links) executed through the store API. */
  queries: number;
  /** Distinct SQL statements among them: batching holds when each ran once (`queries === statements`). */
  statements: number;
  /** Disclosure records it wrote (one per client and request it released something about). */
  disclosureRows: number;
}

export type CaseloadCost = Record<AgencyId, AgencyCost>;

/** The disclosure log lives in OneRoof's own store for the agency. */
function disclosureRows(stack: TestStack, agency: AgencyId): number {
  return (stack.subgraphs[agency].oneroof.sqlite.db.prepare('SELECT COUNT(*) AS n FROM disclosure_log').get() as { n: number }).n;
}

/**
 * Scenario 5, counts: one caseload view of N clients through an in-process stack (the test stack,
 * tests/helpers/stack.ts), reading each subgraph's request counter and store query counter before
 * and after. In-process because those counters live in the subgraphs' memory: production
 * processes expose no such route. The same consents as the process stacks' pool.
 */
export async function caseloadCosts(stack: TestStack, clients: number): Promise<Record<number, CaseloadCost>> {
  const seen = watchStatements(stack);
  const token = await stack.token(VIEWER);
  const pool = clientPool(clients);
  await recordConsents(stack.gatewayUrl, token, pool);
  const costOf = async (body: string): Promise<CaseloadCost> => {
    const snapshot = () => Object.fromEntries(AGENCIES.map((agency) => [agency, {
      requests: stack.subgraphs[agency].requests, queries: stack.subgraphs[agency].queryCount, disclosureRows: disclosureRows(stack, agency),
    }])) as CaseloadCost;
    const before = snapshot();
    for (const agency of AGENCIES) seen[agency].clear();
    const answer = await post(stack.gatewayUrl, body, requestHeaders(token));
    if (!isCaseload(answer.body)) throw new Error(`caseload view failed: ${answer.body.slice(0, 300)}`);
    const after = snapshot();
    return Object.fromEntries(AGENCIES.map((agency) => [agency, {
      requests: after[agency].requests - before[agency].requests,
      queries: after[agency].queries - before[agency].queries,
      disclosureRows: after[agency].disclosureRows - before[agency].disclosureRows,
      statements: seen[agency].size,
    }])) as CaseloadCost;
  };
  await costOf(caseloadBodies(pool, 10, 1)[0]); // first request: keys fetched, statements prepared
  const costs: Record<number, CaseloadCost> = {};
  for (const n of CASELOAD_SIZES) costs[n] = await costOf(caseloadBodies(pool, n, 1)[0]);
  return costs;
}

/**
 * The distinct SQL statements each agency's in-process stores run (its data, and OneRoof's own
 * store with its person links), by wrapping their `all`, `get` and `run` (the loaders call them
 * through the store objects). Which statements run depends on the data the
 * clients have (a caseload with no programme participant never asks for sessions), so the bound
 * that matters is one run of each statement per request, whatever N.
 */
function watchStatements(stack: TestStack): Record<AgencyId, Set<string>> {
  return Object.fromEntries(AGENCIES.map((agency) => {
    const seen = new Set<string>();
    for (const watched of [stack.subgraphs[agency].store, stack.subgraphs[agency].oneroof.sqlite]) {
      const store = watched as unknown as Record<'all' | 'get' | 'run', (sql: string, ...params: unknown[]) => unknown>;
      for (const method of ['all', 'get', 'run'] as const) {
        const original = store[method].bind(store);
        store[method] = (sql, ...params) => {
          seen.add(sql);
          return original(sql, ...params);
        };
      }
    }
    return [agency, seen];
  })) as Record<AgencyId, Set<string>>;
}

/**
 * Whether batching held for every N: one request per agency, and each store statement run once
 * per request (no statement per client), so the cost per agency does not grow with N.
 */
export function constantInN(costs: Record<number, CaseloadCost>): boolean {
  return CASELOAD_SIZES.every((n) => AGENCIES.every((agency) => costs[n][agency].requests === 1 && costs[n][agency].queries === costs[n][agency].statements));
}

/** Scenario 5, latency: caseload views of 10, 50 and 200 clients through the gateway, one at a time, alternating. */
export async function caseloadLatency(settings: BenchSettings, gatewayUrl: string, token: string, pool: readonly string[]): Promise<Compared> {
  settings.say('caseload view latency, 1 connection: 10, 50, 200 clients');
  return alternate(settings.rounds, CASELOAD_SIZES.map((n) => ({
    name: String(n),
    run: () => runAutocannon({ url: gatewayUrl, connections: 1, durationS: settings.durationS, headers: requestHeaders(token), bodies: caseloadBodies(pool, n), check: isCaseload }),
  })), settings.say);
}
