import { PARTNER_AGENCIES, type AgencyId, type PartnerAgencyId } from '../../lib/agencies';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import type { TestStack } from '../../tests/helpers/stack';
import { alternate, type Compared } from '../lib/compare';
import type { BenchSettings } from '../lib/context';
import { post, runLoop } from '../lib/load';
import { createRandom } from '../../lib/seed/random';
import { isUnifiedView, requestHeaders, requestId, VIEWER } from '../lib/workload';
import { unifiedViewQuery } from '../lib/queries';

/** One subgraph request of the plan, as the gateway sent it. */
interface SubgraphCall {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** The unified view's query plan as it ran: the FJC fetch, then one `_entities` fetch per agency. */
export interface CapturedPlan {
  fjc: SubgraphCall;
  entities: Record<PartnerAgencyId, SubgraphCall>;
  /** The fields of a `Client` representation, in the gateway's order (`__typename`, `id`, `accessAssertion`). */
  representationKeys: string[];
}

export const FLOOR_CONCURRENCY = [1, 10] as const;

/**
 * Records the exact subgraph requests OneRoof's gateway makes for one unified view, from an
 * in-process stack that keeps every request body (tests/helpers/stack.ts, `recordBodies`).
 */
export async function capturePlan(stack: TestStack): Promise<CapturedPlan> {
  const token = await stack.token(VIEWER);
  const before = Object.fromEntries(Object.entries(stack.subgraphs).map(([agency, subgraph]) => [agency, subgraph.bodies.length]));
  const body = JSON.stringify({ query: unifiedViewQuery(), operationName: 'UnifiedView', variables: { id: FIXTURE_CLIENTS.knownToAll } });
  const answer = await post(stack.gatewayUrl, body, requestHeaders(token));
  if (!isUnifiedView(answer.body)) throw new Error(`capturing the plan: unexpected answer ${answer.body.slice(0, 300)}`);
  const callOf = (agency: AgencyId): SubgraphCall => {
    const bodies = stack.subgraphs[agency].bodies.slice(before[agency]);
    if (bodies.length !== 1) throw new Error(`the plan called ${agency} ${bodies.length} times, expected once`);
    return JSON.parse(bodies[0]) as SubgraphCall;
  };
  const entities = Object.fromEntries(PARTNER_AGENCIES.map((agency) => [agency, callOf(agency)])) as Record<PartnerAgencyId, SubgraphCall>;
  const representations = entities.police.variables.representations as Record<string, unknown>[];
  return { fjc: callOf('fjc'), entities, representationKeys: Object.keys(representations[0]) };
}

/**
 * One unified view straight from the subgraphs, in the plan's order: the FJC's fetch, then every
 * partner's `_entities` fetch in parallel with the representation the FJC's answer gives, same token,
 * purpose and request id on every call. No gateway does less for this query.
 */
function floorTask(plan: CapturedPlan, subgraphUrls: Record<AgencyId, string>, headers: Record<string, string>, pool: readonly string[]) {
  const random = createRandom(23);
  return async (): Promise<boolean> => {
    const callHeaders = { ...headers, 'x-request-id': requestId() };
    const fjc = await post(subgraphUrls.fjc, JSON.stringify({ ...plan.fjc, variables: { ...plan.fjc.variables, id: random.pick(pool) } }), callHeaders);
    const client = (JSON.parse(fjc.body) as { data?: { client?: Record<string, unknown> | null } }).data?.client;
    if (fjc.status !== 200 || !client || typeof client.accessAssertion !== 'string') return false;
    const representation = Object.fromEntries(plan.representationKeys.map((key) => [key, client[key]]));
    const answers = await Promise.all(
      PARTNER_AGENCIES.map((agency) => {
        const call = plan.entities[agency];
        return post(subgraphUrls[agency], JSON.stringify({ ...call, variables: { ...call.variables, representations: [representation] } }), callHeaders);
      }),
    );
    return answers.every((answer) => answer.status === 200 && answer.body.includes('"_entities":[{') && !answer.body.includes('INTERNAL_SERVER_ERROR'));
  };
}

/** The same client loop against the gateway, so both sides pay the same client costs. */
function gatewayTask(gatewayUrl: string, headers: Record<string, string>, bodies: readonly string[]) {
  let next = 0;
  return async (): Promise<boolean> => {
    const answer = await post(gatewayUrl, bodies[next++ % bodies.length], { ...headers, 'x-request-id': requestId() });
    return answer.status === 200 && isUnifiedView(answer.body);
  };
}

/**
 * Scenario 4: OneRoof's gateway against the critical-path floor, alternating, at 1 and 10 concurrent
 * clients, measured with one client loop (bench/lib/load.ts `runLoop`) for both.
 */
export async function criticalPath(
  settings: BenchSettings,
  target: { gatewayUrl: string; subgraphUrls: Record<AgencyId, string>; token: string; pool: readonly string[]; bodies: readonly string[] },
  plan: CapturedPlan,
): Promise<Record<number, Compared>> {
  const headers = requestHeaders(target.token);
  const byConnections: Record<number, Compared> = {};
  for (const workers of FLOOR_CONCURRENCY) {
    settings.say(`critical path, ${workers} concurrent client(s): gateway vs floor`);
    const gateway = gatewayTask(target.gatewayUrl, headers, target.bodies);
    const floor = floorTask(plan, target.subgraphUrls, headers, target.pool);
    byConnections[workers] = await alternate(settings.rounds, [
      { name: 'gateway', run: () => runLoop(workers, settings.durationS, gateway) },
      { name: 'floor', run: () => runLoop(workers, settings.durationS, floor) },
    ], settings.say);
  }
  return byConnections;
}
