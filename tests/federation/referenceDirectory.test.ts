import { AGENCIES, FILE_FIELDS, PARTNER_AGENCIES, type AgencyId, type PartnerAgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { ceilingOf } from '../../lib/policy/ceilings';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { PURPOSES, ROLES, type Purpose, type Role } from '../../lib/viewer';
import { hoursFromNow } from '../helpers/fjcRecords';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * One fact, one decision: the FJC's reference directory (`Client.agencyLinks`) shows agency A's
 * entry exactly when A itself releases `involved: true` to the same viewer, purpose and client.
 * Checked over the whole matrix: every kind of viewer (each agency x each role), every purpose, every
 * seeded client, with consents and an open security conference that every viewer takes part in.
 */

const WORLD = { clients: 40, seed: 7 };
const world = generateWorld(WORLD);
const ALL_IDS = world.clients.map((c) => c.id);
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-directory', agency: 'fjc', roles: ['CASE_MANAGER'] };
const REASON = 'Client reports threats tonight, police on the way';

/** Every kind of viewer: each agency with each role, one staff member each. */
const VIEWERS: DevTokenClaims[] = AGENCIES.flatMap((agency) => ROLES.map((role) => ({ sub: `${agency}-${role.toLowerCase()}-matrix`, agency, roles: [role] })));

type FileView = { involved: boolean } | null;
type ClientView = { id: string; agencyLinks: { agency: string }[] | null } & Record<string, FileView | unknown>;

const FILES = PARTNER_AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { involved }`).join(' ');
const MATRIX_QUERY = /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) { id agencyLinks { agency } ${FILES} } }`;

describe('the reference directory', () => {
  let federation: InProcessFederation;
  let conferenceId: string;
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (claims: DevTokenClaims) => {
    if (!tokens.has(claims.sub)) tokens.set(claims.sub, federation.token(claims));
    return tokens.get(claims.sub)!;
  };

  async function send<T>(claims: DevTokenClaims, purpose: Purpose, query: string, variables: Record<string, unknown> = {}) {
    const headers: Record<string, string> = {};
    if (purpose === 'SECURITY_CONFERENCE') headers['x-conference-id'] = conferenceId;
    if (purpose === 'EMERGENCY') headers['x-emergency-reason'] = REASON;
    return federation.post<T>(query, { token: await tokenOf(claims), purpose, variables, headers });
  }

  async function setUp<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const { body } = await federation.post<T>(query, { token: await tokenOf(MANAGER), purpose: 'CASE_MANAGEMENT', variables });
    if (!body.data) throw new Error(`setup failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** The clients an agency's own store links, and those the FJC's directory lists for it. */
  function linksOf(agency: PartnerAgencyId): { store: string[]; directory: string[] } {
    const store = federation.subgraphs[agency].oneroof.sqlite.all<{ id: string }>('SELECT fjc_client_id AS id FROM client_links ORDER BY 1');
    const directory = federation.subgraphs.fjc.store.all<{ id: string }>('SELECT client_id AS id FROM agency_links WHERE agency = ? ORDER BY 1', agency);
    return { store: store.map((r) => r.id), directory: directory.map((r) => r.id) };
  }

  async function recordConsent(clientId: string, granteeAgency: AgencyId, categories: string[], purposes: Purpose[]) {
    await setUp(/* GraphQL */ `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
      input: { clientId, granteeAgency, categories, purposes, validFrom: hoursFromNow(-1), validUntil: hoursFromNow(24), evidenceReference: `FORM/DIR/${clientId}/${granteeAgency}` },
    });
  }

  beforeAll(async () => {
    federation = await startInProcess(WORLD);
    const inCare = linksOf('mental-health').store;
    // Consents that open entries the joint-client rule does not: health to the FJC, involvement to
    // agencies that do not know the client, for some purposes only.
    await recordConsent(inCare[0]!, 'fjc', ['HEALTH'], ['INTAKE', 'CASE_MANAGEMENT']);
    await recordConsent(inCare[1]!, 'housing', ['INVOLVEMENT', 'HEALTH'], ['SECURITY_CONFERENCE', 'EMERGENCY']);
    await recordConsent(FIXTURE_CLIENTS.knownToNone, 'police', ['INVOLVEMENT'], ['CASE_MANAGEMENT']);
    const openCase = world.cases.find((c) => c.status === 'OPEN' && c.members.length >= 3)!;
    const { conveneSecurityConference } = await setUp<{ conveneSecurityConference: { id: string } }>(/* GraphQL */ `
      mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, {
      input: {
        caseId: openCase.id, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(2), legalBasis: 'DECREE',
        legalBasisReference: 'Decree on integrated family justice, art. 7', participants: VIEWERS.map((v) => ({ staffId: v.sub, agency: v.agency })),
      },
    });
    conferenceId = conveneSecurityConference.id;
  }, 60_000);
  afterAll(() => federation?.stop());

  it('lists, for every agency, exactly the clients the agency\'s own store links (what the matrix compares against)', () => {
    for (const agency of PARTNER_AGENCIES) {
      const { store, directory } = linksOf(agency);
      expect(directory).toEqual(store);
      expect(store.length).toBeGreaterThan(0);
    }
  });

  it('answers registerAgencyLink with the link it wrote, which the directory then shows the agency and the client\'s FJC staff', async () => {
    const officer: DevTokenClaims = { sub: 'housing-agency_staff-matrix', agency: 'housing', roles: ['AGENCY_STAFF'] };
    const walkIn = FIXTURE_CLIENTS.knownToNone;
    const { body } = await send<{ registerAgencyLink: unknown }>(officer, 'INTAKE', /* GraphQL */ `
      mutation ($id: ID!) { registerAgencyLink(clientId: $id, capacity: "APPLICANT", since: "2026-02-03") { agency capacity since } }`, { id: walkIn });
    expect(body).toEqual({ data: { registerAgencyLink: { agency: 'housing', capacity: 'APPLICANT', since: '2026-02-03' } } });
    const row = federation.subgraphs.fjc.store.get('SELECT agency, client_id AS clientId, capacity, since FROM agency_links WHERE client_id = ? AND agency = ?', walkIn, 'housing');
    expect(row).toEqual({ agency: 'housing', clientId: walkIn, capacity: 'APPLICANT', since: '2026-02-03' });
    const directory = /* GraphQL */ `query ($id: ID!) { client(id: $id) { agencyLinks { agency capacity since } } }`;
    for (const viewer of [officer, MANAGER]) {
      const seen = await send<{ client: { agencyLinks: unknown[] } }>(viewer, 'CASE_MANAGEMENT', directory, { id: walkIn });
      expect(seen.body.data!.client.agencyLinks).toContainEqual({ agency: 'housing', capacity: 'APPLICANT', since: '2026-02-03' });
    }
    // The housing store itself does not know the client yet: this test must not leave the two apart for the matrix.
    federation.subgraphs.fjc.store.run('DELETE FROM agency_links WHERE client_id = ? AND agency = ?', walkIn, 'housing');
  });

  it('shows an FJC case manager the mental-health entry only with the client\'s HEALTH consent, as the centre itself decides', async () => {
    const [consented, , notConsented] = linksOf('mental-health').store;
    const query = /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) { id agencyLinks { agency } mentalHealth { involved } } }`;
    const manager: DevTokenClaims = { sub: 'fjc-case_manager-matrix', agency: 'fjc', roles: ['CASE_MANAGER'] };
    const { body } = await send<{ clients: { id: string; agencyLinks: { agency: string }[]; mentalHealth: FileView }[] }>(manager, 'CASE_MANAGEMENT', query, { ids: [consented, notConsented] });
    const [withConsent, without] = body.data!.clients;
    expect(withConsent!.agencyLinks.map((l) => l.agency)).toContain('mental-health');
    expect(withConsent!.mentalHealth).toEqual({ involved: true });
    expect(without!.agencyLinks.map((l) => l.agency)).not.toContain('mental-health');
    expect(without!.mentalHealth).toBeNull();
    expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.category])).toEqual([['clients.1.mentalHealth.involved', 'CONSENT_REQUIRED', 'HEALTH']]);
  });

  it('shows each entry exactly when its owner releases involved: true to the same request, over every viewer, purpose and client', async () => {
    const tally = { triples: 0, entriesShown: 0, entriesWithheld: 0, mentalHealthShown: 0, mentalHealthWithheld: 0 };
    const listed = new Map(PARTNER_AGENCIES.map((agency) => [agency, new Set(linksOf(agency).store)]));
    for (const viewer of VIEWERS) {
      for (const purpose of PURPOSES) {
        const { body } = await send<{ clients: ClientView[] | null }>(viewer, purpose, MATRIX_QUERY, { ids: ALL_IDS });
        const reachesDirectory = ceilingOf(viewer.roles as Role[], purpose).has('INVOLVEMENT');
        const where = `${viewer.sub} ${purpose}`;
        if (!reachesDirectory) {
          // No person category at all: the FJC does not even say whether the clients exist.
          expect([where, body.data]).toEqual([where, null]);
          expect([where, body.errors?.map((e) => e.extensions?.code)]).toEqual([where, ['FORBIDDEN']]);
          continue;
        }
        for (const client of body.data!.clients!) {
          tally.triples += 1;
          expect([where, client.id, client.agencyLinks === null]).toEqual([where, client.id, false]);
          const shown = client.agencyLinks!.map((l) => l.agency).sort();
          const released = PARTNER_AGENCIES.filter((agency) => (client[FILE_FIELDS[agency]] as FileView)?.involved === true).sort();
          expect([where, client.id, shown]).toEqual([where, client.id, released]);
          for (const agency of PARTNER_AGENCIES) {
            if (!listed.get(agency)!.has(client.id)) continue;
            const isShown = shown.includes(agency);
            if (isShown) tally.entriesShown += 1;
            else tally.entriesWithheld += 1;
            if (agency === 'mental-health') tally[isShown ? 'mentalHealthShown' : 'mentalHealthWithheld'] += 1;
          }
        }
      }
    }
    console.info(`reference directory matrix: ${VIEWERS.length} viewers x ${PURPOSES.length} purposes x ${ALL_IDS.length} clients; ${tally.triples} (viewer, purpose, client) checked, ${tally.entriesShown} entries shown, ${tally.entriesWithheld} withheld (mental health: ${tally.mentalHealthShown} shown, ${tally.mentalHealthWithheld} withheld)`);
    // Every viewer whose roles and purpose reach INVOLVEMENT, for every client; worth something
    // only if both sides occurred, for health entries too.
    const reaching = VIEWERS.flatMap((v) => PURPOSES.filter((p) => ceilingOf(v.roles as Role[], p).has('INVOLVEMENT'))).length;
    expect(tally.triples).toBe(reaching * ALL_IDS.length);
    // Every agency's staff in every role: 12 (role, purpose) pairs reach INVOLVEMENT, whatever the agency.
    expect(reaching).toBe(AGENCIES.length * 12);
    for (const count of Object.values(tally)) expect(count).toBeGreaterThan(0);
  }, 120_000);
});
