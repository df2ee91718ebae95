import { randomUUID } from 'node:crypto';
import { mintDevToken, type DevTokenClaims } from '../../lib/auth/devIssuer';
import { createRandom } from '../../lib/seed/random';
import { clientId, FIXTURE_CLIENTS } from '../../lib/seed/world';
import type { Category } from '../../lib/viewer';
import { post } from './load';
import { caseloadQuery, unifiedViewQuery } from './queries';

/**
 * The benchmark's viewer: an FJC case manager, purpose CASE_MANAGEMENT. Her ceiling is every
 * category, so nothing is taken out before planning and every agency decides each field per
 * client: own records no, consent where one is recorded, otherwise CONSENT_REQUIRED.
 */
export const VIEWER: DevTokenClaims = { sub: 'fjc-bench-case-manager', name: 'Bench Case Manager', agency: 'fjc', roles: ['CASE_MANAGER'] };
export const PURPOSE = 'CASE_MANAGEMENT';

/** Clients drawn per dataset; requests pick among them. */
export const POOL_SIZE = 1000;

/** A development token of the viewer, for the data dir whose issuer keys the processes trust. */
export function viewerToken(dataDir: string): Promise<string> {
  return mintDevToken(dataDir, VIEWER, { ttlMinutes: 120 });
}

export function requestHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-purpose-of-use': PURPOSE };
}

/**
 * `POOL_SIZE` distinct client ids spread over the whole dataset (all of them when it is that small),
 * in random order, the client every agency knows first: she gets the full consent (below) and opens
 * every caseload, so each N asks every agency for every list field it holds.
 */
export function clientPool(clients: number, seed = 11): string[] {
  const random = createRandom(seed);
  const chosen = new Set<string>([FIXTURE_CLIENTS.knownToAll]);
  const size = Math.min(POOL_SIZE, clients);
  while (chosen.size < size) chosen.add(clientId(random.int(1, clients)));
  return [...chosen];
}

/** A third of the pool consents to all sharing categories, a third to some, a third to none. */
const CONSENTS: (readonly Category[])[] = [
  ['CONTACT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING', 'HEALTH'],
  ['SAFETY', 'CHILD', 'HOUSING'],
  [],
];

const RECORD_CONSENT = /* GraphQL */ `
  mutation Record($input: RecordConsentInput!) { recordConsent(input: $input) { id } }
`;

/**
 * Records the pool's consents to the FJC through the gateway, as FJC staff would, so the agencies
 * decide per field with real bases. Eight at a time.
 */
export async function recordConsents(gatewayUrl: string, token: string, pool: readonly string[]): Promise<number> {
  const grants = pool.map((id, i) => ({ id, categories: CONSENTS[i % CONSENTS.length] })).filter((grant) => grant.categories.length > 0);
  const hour = 3_600_000;
  let index = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (index < grants.length) {
        const grant = grants[index++];
        const body = JSON.stringify({
          query: RECORD_CONSENT,
          variables: {
            input: {
              clientId: grant.id, granteeAgency: 'fjc', categories: grant.categories, purposes: [PURPOSE],
              validFrom: new Date(Date.now() - hour).toISOString(), validUntil: new Date(Date.now() + 24 * hour).toISOString(),
              evidenceReference: `FORM-BENCH-${grant.id}`,
            },
          },
        });
        const response = await post(gatewayUrl, body, requestHeaders(token));
        if (response.status !== 200 || !response.body.includes('"recordConsent":{"id"')) {
          throw new Error(`recording a consent failed (${response.status}): ${response.body.slice(0, 300)}`);
        }
      }
    }),
  );
  return grants.length;
}

/** Request bodies of the unified view for random clients of the pool. */
export function unifiedViewBodies(pool: readonly string[], count = 4000, seed = 5): string[] {
  const random = createRandom(seed);
  const query = unifiedViewQuery();
  return Array.from({ length: count }, () => JSON.stringify({ query, operationName: 'UnifiedView', variables: { id: random.pick(pool) } }));
}

/** Request bodies of a caseload of `n` clients: the pool's first, then random ones of the pool. */
export function caseloadBodies(pool: readonly string[], n: number, count = 50, seed = 9): string[] {
  const random = createRandom(seed + n);
  const query = caseloadQuery();
  return Array.from({ length: count }, () => {
    const ids = new Set<string>([pool[0]]);
    while (ids.size < n) ids.add(random.pick(pool));
    return JSON.stringify({ query, operationName: 'Caseload', variables: { ids: [...ids] } });
  });
}

/** A unified view answer: the client is there and every agency answered (withheld fields are expected). */
export function isUnifiedView(body: string): boolean {
  return body.includes('"client":{"id":"FJC-') && !body.includes('AGENCY_UNAVAILABLE') && !body.includes('INTERNAL_SERVER_ERROR');
}

export function isCaseload(body: string): boolean {
  return body.includes('"clients":[{"id":"FJC-') && !body.includes('AGENCY_UNAVAILABLE') && !body.includes('INTERNAL_SERVER_ERROR');
}

/** A fresh request id per logical request, as a client would send. */
export function requestId(): string {
  return randomUUID();
}
