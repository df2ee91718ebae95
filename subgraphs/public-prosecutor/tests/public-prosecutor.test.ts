import type { DevTokenClaims } from '../../../lib/auth/devIssuer';
import { REGISTRY } from '../../../lib/agencies';
import { addDays, listColumn } from '../../../lib/kit';
import { generateWorld } from '../../../seed/world';
import { clientId, FIXTURE_CLIENTS } from '../../../lib/seed/world';
import { recordConsent } from '../../../tests/helpers/fjcRecords';
import { startInProcess, type InProcessFederation } from '../../../tests/helpers/inProcess';

/** The public prosecutor's office in the federation, through the gateway as a client would ask. */
const AGENCY = 'public-prosecutor';
const FILE = /* GraphQL */ `query ($id: ID!) { client(id: $id) { prosecutor {
  involved since capacity
  cases { caseNumber policeReportNumber registeredAt role status }
  decisions { caseNumber decidedAt kind conditions }
  barringOrders { caseNumber imposedAt endsAt role conditions }
  barringOrderBreaches { caseNumber occurredAt kind response }
  victimStatements { caseNumber filedAt phone email notificationAddress }
} } }`;
const STAFF: DevTokenClaims = { sub: 'public-prosecutor-staff-1', agency: AGENCY, roles: ['AGENCY_STAFF'] };
const MANAGER: DevTokenClaims = { sub: 'fjc-staff-2', agency: 'fjc', roles: ['CASE_MANAGER'] };
const COORDINATOR: DevTokenClaims = { sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] };

describe('the public prosecutor\'s office in the unified view', () => {
  let federation: InProcessFederation;
  beforeAll(async () => {
    federation = await startInProcess({ clients: 40 });
  });
  afterAll(() => federation.stop());

  const ask = async (claims: DevTokenClaims, query: string, variables: Record<string, unknown>, purpose = 'CASE_MANAGEMENT') =>
    (await federation.post(query, { token: await federation.token(claims), purpose, variables })).body;
  const personOf = (client: string) => {
    const link = federation.subgraphs[AGENCY]!.oneroof.links.find([client])[0];
    if (!link) throw new Error(`${AGENCY} does not know ${client}`);
    return link.personId;
  };
  const office = () => federation.subgraphs[AGENCY]!.store;

  it('shows its own staff its whole file of a client, as its store holds it', async () => {
    const person = personOf(FIXTURE_CLIENTS.knownToAll);
    const cases = office().all('SELECT c.case_number AS caseNumber, police_report_number AS policeReportNumber, registered_at AS registeredAt, p.role, status FROM case_parties p JOIN cases c USING (case_number) WHERE p.person_id = ? ORDER BY registered_at DESC, c.case_number DESC', person);
    const decisions = office().all<{ conditions: string }>('SELECT d.case_number AS caseNumber, decided_at AS decidedAt, kind, conditions FROM case_parties p JOIN decisions d USING (case_number) WHERE p.person_id = ? ORDER BY decided_at DESC, d.id DESC', person)
      .map((row) => ({ ...row, conditions: listColumn(row.conditions) }));
    const barringOrders = office().all<{ conditions: string }>("SELECT b.case_number AS caseNumber, imposed_at AS imposedAt, ends_at AS endsAt, 'SUBJECT' AS role, conditions FROM case_parties p JOIN barring_orders b USING (case_number) WHERE p.person_id = ? ORDER BY imposed_at DESC, b.id DESC", person)
      .map((row) => ({ ...row, conditions: listColumn(row.conditions) }));
    const breaches = office().all('SELECT x.case_number AS caseNumber, occurred_at AS occurredAt, kind, response FROM case_parties p JOIN barring_order_breaches x USING (case_number) WHERE p.person_id = ? ORDER BY occurred_at DESC, x.id DESC', person);
    expect(cases.length).toBeGreaterThan(0);
    expect(barringOrders.length).toBeGreaterThan(0);
    expect(await ask(STAFF, FILE, { id: FIXTURE_CLIENTS.knownToAll })).toEqual({
      data: { client: { prosecutor: {
        involved: true, since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), capacity: 'SUSPECT', cases, decisions, barringOrders, barringOrderBreaches: breaches,
        // A victim's statement is hers alone, though the suspect is party to the same case.
        victimStatements: [],
      } } },
    });
  });

  it("registers one case per police report of every family reported, under the police's own report numbers, never before the intervention", () => {
    // The world the federation was seeded from: its reports are the ones the police record, by number and day.
    const world = generateWorld({ clients: 40, seed: 7 });
    let compared = 0;
    for (const household of world.households) {
      const links = federation.subgraphs[AGENCY]!.oneroof.links.find([household.victim.id, household.perpetrator.id]);
      if (household.reportedOn === null) {
        expect(links).toEqual([null, null]);
        continue;
      }
      expect(links.map((link) => [link?.capacity, link?.since])).toEqual([['VICTIM', household.reportedOn], ['SUSPECT', household.reportedOn]]);
      for (const link of links) {
        const cases = office().all<{ number: string; registeredAt: string }>(
          'SELECT police_report_number AS number, registered_at AS registeredAt FROM case_parties JOIN cases USING (case_number) WHERE person_id = ? ORDER BY registered_at, case_number', link!.personId,
        );
        const reports = household.reports.slice(0, cases.length);
        expect(cases.map((c) => c.number)).toEqual(reports.map((r) => r.number));
        for (const [i, c] of cases.entries()) expect(c.registeredAt >= reports[i]!.day && c.registeredAt <= world.today).toBe(true);
        // Only reports of the last days before the world's reference day may still wait for registration.
        for (const r of household.reports.slice(cases.length)) expect(r.day > addDays(world.today, -4)).toBe(true);
        compared += cases.length;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('answers involved: false and nothing else for a client it does not know', async () => {
    expect(await ask(STAFF, /* GraphQL */ `query ($id: ID!) { client(id: $id) { prosecutor { involved since capacity cases { caseNumber } } } }`, { id: FIXTURE_CLIENTS.knownToNone })).toEqual({
      data: { client: { prosecutor: { involved: false, since: null, capacity: null, cases: null } } },
    });
  });

  it('withholds its cases from the FJC case manager without the client\'s JUSTICE consent, and releases them with it', async () => {
    const client = FIXTURE_CLIENTS.victim;
    const query = /* GraphQL */ `query ($id: ID!) { client(id: $id) { prosecutor { involved capacity cases { caseNumber role } } } }`;
    const withheld = await ask(MANAGER, query, { id: client });
    expect(withheld.data).toEqual({ client: { prosecutor: { involved: true, capacity: 'VICTIM', cases: null } } });
    expect(withheld.errors).toEqual([
      expect.objectContaining({ path: ['client', 'prosecutor', 'cases'], extensions: expect.objectContaining({ code: 'CONSENT_REQUIRED', category: 'JUSTICE', agency: AGENCY }) }),
    ]);
    await recordConsent(federation, await federation.token(MANAGER), { clientId: client, granteeAgency: 'fjc', categories: ['JUSTICE'] });
    const released = await ask(MANAGER, query, { id: client });
    expect(released.errors).toBeUndefined();
    const cases = (released.data as { client: { prosecutor: { cases: { role: string }[] } } }).client.prosecutor.cases;
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.role === 'VICTIM')).toBe(true);
  });

  it("keeps a protected victim's contact details from the perpetrator side whatever her consent, and releases them to her FJC case manager with it", async () => {
    const client = FIXTURE_CLIENTS.victim;
    const query = /* GraphQL */ `query ($id: ID!) { client(id: $id) { prosecutor { victimStatements { filedAt phone email notificationAddress } } } }`;
    const held = office().all<{ filedAt: string }>(
      'SELECT filed_at AS filedAt, phone, email, notification_address AS notificationAddress FROM victim_statements WHERE person_id = ? ORDER BY filed_at DESC, id DESC', personOf(client),
    );
    expect(held.length).toBeGreaterThan(0);
    expect(await ask(STAFF, query, { id: client })).toEqual({ data: { client: { prosecutor: { victimStatements: held } } } });

    const side = REGISTRY.find((entry) => entry.perpetratorSide)!.id;
    const sideStaff: DevTokenClaims = { sub: `${side}-staff-1`, agency: side, roles: ['AGENCY_STAFF'] };
    const manager = await federation.token(MANAGER);
    await recordConsent(federation, manager, { clientId: client, granteeAgency: side, categories: ['JUSTICE', 'CONTACT'] });
    const protectedAnswer = await ask(sideStaff, query, { id: client });
    expect(protectedAnswer.data).toEqual({ client: { prosecutor: { victimStatements: held.map((s) => ({ filedAt: s.filedAt, phone: null, email: null, notificationAddress: null })) } } });
    expect(protectedAnswer.errors).toHaveLength(3 * held.length);
    for (const error of protectedAnswer.errors!) {
      expect(error.extensions).toMatchObject({ code: 'PROTECTED', category: 'CONTACT', agency: AGENCY, reason: 'PROTECTED_CONTACT', remedy: { kind: 'NONE', category: 'CONTACT' } });
    }

    await recordConsent(federation, manager, { clientId: client, granteeAgency: 'fjc', categories: ['JUSTICE', 'CONTACT'] });
    expect(await ask(MANAGER, query, { id: client })).toEqual({ data: { client: { prosecutor: { victimStatements: held } } } });
  });

  it('records what it released in its own disclosure log, before the answer left', async () => {
    const log = federation.subgraphs[AGENCY]!.runtime.disclosureLog;
    const before = log.list(FIXTURE_CLIENTS.knownToAll).length;
    await ask(STAFF, FILE, { id: FIXTURE_CLIENTS.knownToAll });
    const records = log.list(FIXTURE_CLIENTS.knownToAll);
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)).toMatchObject({ viewer: { sub: STAFF.sub, agency: AGENCY }, granted: { INVOLVEMENT: 'OWN_RECORD', JUSTICE: 'OWN_RECORD' } });
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('costs one store query per field for the cases and decisions of a whole caseload', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => clientId(i + 1));
    const store = office();
    const before = store.queryCount;
    const { errors } = await ask(STAFF, /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) { prosecutor { cases { caseNumber } decisions { kind } } } }`, { ids });
    expect(errors).toBeUndefined();
    expect(store.queryCount - before).toBe(2);
  });

  it('publishes its figures to a coordinator', async () => {
    const { data, errors } = await ask(COORDINATOR, /* GraphQL */ `{ statistics(period: { from: "2025-01-01", to: "2025-12-31", granularity: QUARTER }) { prosecutor { casesRegistered { label } decisionsByKind { label } barringOrdersImposed { label } barringOrderBreachesByKind { label } } } }`, {}, 'STATISTICS');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ statistics: { prosecutor: {
      casesRegistered: { label: 'ALL' },
      decisionsByKind: [{ label: 'DISMISSAL' }, { label: 'PENAL_MEDIATION' }, { label: 'PROBATION_CONDITIONS' }, { label: 'PROSECUTION' }],
      barringOrdersImposed: { label: 'ALL' },
      barringOrderBreachesByKind: [{ label: 'ENTERED_HOME' }, { label: 'CONTACTED_PROTECTED_PERSON' }],
    } } });
  });
});
