import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { agencyDataFile } from '../../lib/kit/store/oneroofStore';
import { clientId, FIXTURE_CLIENTS } from '../../lib/seed/world';
import { createHousingHttpStore } from '../examples/legacyHousing/adapter';
import { startLegacyCaseSystem, type LegacyCaseSystem } from '../examples/legacyHousing/legacyCaseSystem';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';
import { removeDataDir, seededDataDir } from '../helpers/seededData';

/**
 * Bring your own system, end to end: the housing service's subgraph served over its existing case
 * system (a stand-in HTTP API) through an adapter of the store interface, instead of OneRoof's
 * SQLite file. Asked through the gateway, it answers exactly what the SQLite-backed federation of
 * the same world answers, under the same policy and with the same disclosure records, and it
 * costs the case system one call per field per batch of clients.
 */
const WORLD = { clients: 60, seed: 13 };
const CASELOAD = Array.from({ length: 40 }, (_, i) => clientId(i + 1));
const FILES = /* GraphQL */ `
  query Caseload($ids: [ID!]!) {
    clients(ids: $ids) {
      id
      housing {
        involved since capacity
        applications { appliedOn status priority householdSize }
        offers { offeredOn outcome dwellingMunicipality }
        shelterPlacements { kind startsOn endsOn childrenAccompanying shelterLocation }
      }
    }
  }`;
const STATISTICS = /* GraphQL */ `
  query { statistics(period: { from: "2024-01-01", to: "2025-12-31", granularity: QUARTER }) {
    housing { applicationsByPriority { label total { value suppressed } periods { period count { value suppressed } } }
              emergencyPlacementsByKind { label total { value suppressed } } } } }`;
const HOUSING: DevTokenClaims = { sub: 'housing-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] };
const MANAGER: DevTokenClaims = { sub: 'fjc-staff-2', agency: 'fjc', roles: ['CASE_MANAGER'] };
const COORDINATOR: DevTokenClaims = { sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] };

describe('an agency served over its own system through the store interface', () => {
  let legacyData: string;
  let legacy: LegacyCaseSystem;
  let overHttp: InProcessFederation;
  let overSqlite: InProcessFederation;

  beforeAll(async () => {
    // The case system's own database: the same synthetic world, kept apart from OneRoof's data dir.
    legacyData = seededDataDir(WORLD);
    legacy = await startLegacyCaseSystem(agencyDataFile(legacyData, 'housing'));
    overHttp = await startInProcess({ ...WORLD, stores: { housing: ({ links }) => createHousingHttpStore({ baseUrl: legacy.baseUrl, links }) } });
    overSqlite = await startInProcess(WORLD);
  });
  afterAll(async () => {
    await overHttp.stop();
    await overSqlite.stop();
    await legacy.stop();
    removeDataDir(legacyData);
  });

  const ask = async (federation: InProcessFederation, claims: DevTokenClaims, query: string, purpose = 'CASE_MANAGEMENT', variables?: Record<string, unknown>) =>
    (await federation.post(query, { token: await federation.token(claims), purpose, variables })).body;

  it("answers the housing file of a caseload exactly as OneRoof's SQLite store of the same world does", async () => {
    const http = await ask(overHttp, HOUSING, FILES, 'CASE_MANAGEMENT', { ids: CASELOAD });
    expect(http.errors).toBeUndefined();
    expect(http).toEqual(await ask(overSqlite, HOUSING, FILES, 'CASE_MANAGEMENT', { ids: CASELOAD }));
    const files = (http.data as { clients: { housing: { involved: boolean; applications: unknown[] | null } }[] }).clients.map((c) => c.housing);
    expect(files.filter((f) => f.involved).length).toBeGreaterThan(3);
    expect(files.some((f) => (f.applications ?? []).length > 0)).toBe(true);
  });

  it('costs the case system one call per field for the whole caseload, and none for the person links', async () => {
    const before = { ...legacy.calls };
    await ask(overHttp, HOUSING, FILES, 'CASE_MANAGEMENT', { ids: CASELOAD });
    const made = Object.fromEntries(Object.entries(legacy.calls).map(([route, n]) => [route, n - (before[route] ?? 0)]).filter(([, n]) => n !== 0));
    expect(made).toEqual({
      'POST /api/v2/dossiers/applications/search': 1,
      'POST /api/v2/dossiers/offers/search': 1,
      'POST /api/v2/dossiers/shelter/search': 1,
    });
  });

  it('applies the same policy: what the owner withholds never reaches the case system, and is withheld alike', async () => {
    const query = /* GraphQL */ `query ($id: ID!) { client(id: $id) { housing { involved applications { status } } } }`;
    const variables = { id: FIXTURE_CLIENTS.victim };
    const before = { ...legacy.calls };
    const http = await ask(overHttp, MANAGER, query, 'CASE_MANAGEMENT', variables);
    expect(http).toEqual(await ask(overSqlite, MANAGER, query, 'CASE_MANAGEMENT', variables));
    expect(http.errors?.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);
    expect(legacy.calls).toEqual(before);
  });

  it("writes the same disclosure records, in OneRoof's own store for the agency", async () => {
    const requestId = 'same-disclosures';
    for (const federation of [overHttp, overSqlite]) {
      await federation.post(FILES, { token: await federation.token(HOUSING), purpose: 'CASE_MANAGEMENT', variables: { ids: CASELOAD }, headers: { 'x-request-id': requestId } });
    }
    const recorded = (federation: InProcessFederation) =>
      CASELOAD.flatMap((client) => federation.subgraphs.housing.runtime.disclosureLog.list(client))
        .filter((r) => r.requestId === requestId)
        .map((r) => ({ client: r.clientId, viewer: r.viewer.sub, granted: r.granted, denied: r.denied, fields: r.fields }));
    expect(recorded(overHttp).length).toBeGreaterThan(3);
    expect(recorded(overHttp)).toEqual(recorded(overSqlite));
    expect(await overHttp.subgraphs.housing.runtime.disclosureLog.verify()).toMatchObject({ ok: true });
  });

  it("publishes the same figures, counted by the case system's reports", async () => {
    const before = legacy.calls['GET /api/v2/counts/applications-by-urgency'] ?? 0;
    const http = await ask(overHttp, COORDINATOR, STATISTICS, 'STATISTICS');
    expect(http.errors).toBeUndefined();
    expect(http).toEqual(await ask(overSqlite, COORDINATOR, STATISTICS, 'STATISTICS'));
    expect(legacy.calls['GET /api/v2/counts/applications-by-urgency']).toBe(before + 1);
  });

  it('withholds the housing file when the case system is down, and serves every other agency', async () => {
    legacy.failing(true);
    try {
      const query = /* GraphQL */ `query ($id: ID!) { client(id: $id) { police { involved } housing { applications { status } } } }`;
      const { data, errors } = await ask(overHttp, HOUSING, query, 'CASE_MANAGEMENT', { id: FIXTURE_CLIENTS.knownToAll });
      expect(data).toEqual({ client: { police: { involved: true }, housing: { applications: null } } });
      expect(errors).toEqual([expect.objectContaining({ path: ['client', 'housing', 'applications'], extensions: expect.objectContaining({ agency: 'housing' }) })]);
    } finally {
      legacy.failing(false);
    }
  });
});
