import { AGENCIES, type AgencyId } from '../lib/agencies';

export type AgencyState = 'up' | 'down';

export interface Readiness {
  status: 'ready' | 'degraded';
  agencies: Record<AgencyId, AgencyState>;
}

/**
 * Asks every subgraph's `/health`, all at once, each within `timeoutMs` (default 1000).
 * @param subgraphUrls - the `/graphql` URL of each subgraph; `/health` sits beside it.
 */
export async function checkReadiness(
  subgraphUrls: Record<AgencyId, string>,
  timeoutMs = 1000,
): Promise<Readiness> {
  const states = await Promise.all(
    AGENCIES.map(async (agency): Promise<AgencyState> => {
      try {
        const response = await fetch(new URL('health', subgraphUrls[agency].replace(/graphql\/?$/, '')), {
          signal: AbortSignal.timeout(timeoutMs),
        });
        return response.ok ? 'up' : 'down';
      } catch {
        return 'down';
      }
    }),
  );
  const agencies = Object.fromEntries(AGENCIES.map((agency, i) => [agency, states[i]])) as Record<AgencyId, AgencyState>;
  return { status: states.every((s) => s === 'up') ? 'ready' : 'degraded', agencies };
}
