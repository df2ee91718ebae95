import { httpStatus } from '../lib/http/httpStatus';
import type { CircuitBreaker } from './circuitBreaker';
import type { SubgraphRoute } from './subgraphs';

/**
 * `up`: answers its health check and the gateway is calling it; `down`: does not answer its health
 * check; `unavailable`: answers its health check, but its circuit is open (it failed or was too
 * slow for recent requests), so the gateway answers its fields AGENCY_UNAVAILABLE for now.
 */
export type AgencyState = 'up' | 'down' | 'unavailable';

export interface Readiness {
  status: 'ready' | 'degraded';
  /** By subgraph name: the agency id for every agency of the registry. */
  agencies: Record<string, AgencyState>;
}

/**
 * Asks every subgraph's `/health`, all at once, each within `timeoutMs` (default 1000), and reads
 * each subgraph's circuit.
 * @param routes - every subgraph of the supergraph, by name, with its `/graphql` URL; `/health` sits beside it.
 * @param breakers - the gateway's circuit per subgraph; default none (health checks only).
 */
export async function checkReadiness(
  routes: ReadonlyMap<string, Pick<SubgraphRoute, 'url'>>,
  timeoutMs = 1000,
  breakers: Partial<Record<string, CircuitBreaker>> = {},
): Promise<Readiness> {
  const names = [...routes.keys()];
  const states = await Promise.all(
    names.map(async (agency): Promise<AgencyState> => {
      const status = await httpStatus(new URL('health', routes.get(agency)!.url.replace(/graphql\/?$/, '')).href, timeoutMs);
      if (status === undefined || status < 200 || status >= 300) return 'down';
      // Half-open counts as up: the cool-down is over and the next request probes the agency.
      return breakers[agency]?.state === 'open' ? 'unavailable' : 'up';
    }),
  );
  const agencies = Object.fromEntries(names.map((agency, i) => [agency, states[i]!]));
  return { status: states.every((s) => s === 'up') ? 'ready' : 'degraded', agencies };
}
