import { AGENCIES, type AgencyId } from '../lib/agencies';
import type { CircuitBreaker } from './circuitBreaker';

/**
 * `up`: answers its health check and the gateway is calling it; `down`: does not answer its health
 * check; `unavailable`: answers its health check, but its circuit is open (it failed or was too
 * slow for recent requests), so the gateway answers its fields AGENCY_UNAVAILABLE for now.
 */
export type AgencyState = 'up' | 'down' | 'unavailable';

export interface Readiness {
  status: 'ready' | 'degraded';
  agencies: Record<AgencyId, AgencyState>;
}

/**
 * Asks every subgraph's `/health`, all at once, each within `timeoutMs` (default 1000), and reads
 * each agency's circuit.
 * @param subgraphUrls - the `/graphql` URL of each subgraph; `/health` sits beside it.
 * @param breakers - the gateway's circuit per agency; default none (health checks only).
 */
export async function checkReadiness(
  subgraphUrls: Record<AgencyId, string>,
  timeoutMs = 1000,
  breakers: Partial<Record<AgencyId, CircuitBreaker>> = {},
): Promise<Readiness> {
  const states = await Promise.all(
    AGENCIES.map(async (agency): Promise<AgencyState> => {
      try {
        const response = await fetch(new URL('health', subgraphUrls[agency].replace(/graphql\/?$/, '')), {
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) return 'down';
      } catch {
        return 'down';
      }
      // Half-open counts as up: the cool-down is over and the next request probes the agency.
      return breakers[agency]?.state === 'open' ? 'unavailable' : 'up';
    }),
  );
  const agencies = Object.fromEntries(AGENCIES.map((agency, i) => [agency, states[i]])) as Record<AgencyId, AgencyState>;
  return { status: states.every((s) => s === 'up') ? 'ready' : 'degraded', agencies };
}
