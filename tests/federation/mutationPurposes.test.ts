import type { AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { MUTATION_PERMISSIONS, type MutationName } from '../../lib/policy/operations';
import { clientId, FIXTURE_CLIENTS } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { PURPOSES, type Purpose } from '../../lib/viewer';
import { countRows, hoursFromNow, mutationLogOf } from '../helpers/fjcRecords';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * Every mutation against every purpose, through the gateway: a write goes through exactly for the
 * purposes of the table of mutation permissions (lib/policy/operations.ts) and is logged with its
 * purpose and basis; for every other purpose it is refused FORBIDDEN, with the purposes that would
 * do as its remedy, and nothing is written.
 */
const WORLD = { clients: 30, seed: 7 };
const world = generateWorld(WORLD);
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-writes', agency: 'fjc', roles: ['CASE_MANAGER'] };
const OFFICER: DevTokenClaims = { sub: 'police-writes', agency: 'police', roles: ['AGENCY_STAFF'] };
const AUDITOR: DevTokenClaims = { sub: 'fjc-audit-writes', agency: 'fjc', roles: ['AUDITOR'] };
const REASON = 'Client reports threats tonight, police on the way';
const TABLES = ['clients', 'agency_links', 'consents', 'consent_revocations', 'conferences', 'cases', 'case_members', 'plan_items', 'monitoring_notes', 'case_actions', 'mutation_log'];
const openCase = world.cases.find((c) => c.status === 'OPEN' && c.members.length >= 2)!;
const { knownToNone: walkIn, victim } = FIXTURE_CLIENTS;

interface Write {
  /** Who is permitted to make it. */
  as: DevTokenClaims;
  /** Operation and variables, from fixtures made fresh for each attempt. */
  build(): Promise<{ query: string; variables: Record<string, unknown> }>;
}

describe('every mutation against every purpose', () => {
  let federation: InProcessFederation;
  let conferenceId: string;
  let fixtures = 0;

  /** A setup step as the FJC case manager, for case management. */
  async function setUp<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const { body } = await federation.post<T>(query, { token: await federation.token(MANAGER), purpose: 'CASE_MANAGEMENT', variables });
    if (!body.data) throw new Error(`setup failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const freshCase = async (members = [walkIn]) =>
    (await setUp<{ openCase: { id: string } }>(/* GraphQL */ `mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
      input: { members: members.map((id, i) => ({ clientId: id, role: i === 0 ? 'VICTIM' : 'CHILD' })) },
    })).openCase.id;
  const consentInput = () => ({ clientId: walkIn, granteeAgency: 'police', categories: ['SAFETY'], purposes: ['CASE_MANAGEMENT'], validFrom: hoursFromNow(-1), validUntil: hoursFromNow(24), evidenceReference: `FORM/W/${(fixtures += 1)}` });
  const conferenceInput = (caseId: string) => ({
    caseId, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(2), legalBasis: 'DECREE', legalBasisReference: 'Decree, art. 7',
    participants: [MANAGER, OFFICER, AUDITOR].map((p) => ({ staffId: p.sub, agency: p.agency })),
  });

  const WRITES: Record<Exclude<MutationName, 'reviewDisclosure'>, Write> & { reviewPoliceDisclosure: Write } = {
    registerClient: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id } }`, variables: {
      input: { firstName: 'Test', lastName: `Writer${(fixtures += 1)}`, dateOfBirth: '1990-01-01', gender: 'FEMALE', language: 'nl', interpreterNeeded: false, addressProtected: false },
    } }) },
    registerAgencyLink: { as: OFFICER, build: async () => ({ query: /* GraphQL */ `mutation ($id: ID!) { registerAgencyLink(clientId: $id, capacity: "VICTIM", since: "2026-01-02") { agency } }`, variables: { id: clientId(5 + (fixtures += 1)) } }) },
    recordConsent: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, variables: { input: consentInput() } }) },
    revokeConsent: { as: MANAGER, build: async () => {
      const { recordConsent } = await setUp<{ recordConsent: { id: string } }>(/* GraphQL */ `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, { input: consentInput() });
      return { query: /* GraphQL */ `mutation ($id: ID!) { revokeConsent(id: $id, reason: "Withdrawn.") { id } }`, variables: { id: recordConsent.id } };
    } },
    conveneSecurityConference: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, variables: { input: conferenceInput(openCase.id) } }) },
    closeSecurityConference: { as: MANAGER, build: async () => {
      const { conveneSecurityConference } = await setUp<{ conveneSecurityConference: { id: string } }>(/* GraphQL */ `mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, { input: conferenceInput(await freshCase()) });
      return { query: /* GraphQL */ `mutation ($id: ID!) { closeSecurityConference(id: $id) { id } }`, variables: { id: conveneSecurityConference.id } };
    } },
    openCase: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, variables: { input: { members: [{ clientId: walkIn, role: 'OTHER' }] } } }) },
    closeCase: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($id: ID!) { closeCase(id: $id) { id } }`, variables: { id: await freshCase() } }) },
    addCaseMember: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($c: ID!, $m: ID!) { addCaseMember(caseId: $c, clientId: $m, role: CHILD) { id } }`, variables: { c: await freshCase(), m: victim } }) },
    removeCaseMember: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($c: ID!, $m: ID!) { removeCaseMember(caseId: $c, clientId: $m) { id } }`, variables: { c: await freshCase([walkIn, victim]), m: victim } }) },
    assignCaseManager: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($c: ID!) { assignCaseManager(caseId: $c, staffId: "fjc-cm-other") { id } }`, variables: { c: await freshCase() } }) },
    addPlanItem: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($input: AddPlanItemInput!) { addPlanItem(input: $input) { id } }`, variables: { input: { caseId: await freshCase(), domain: 'SAFETY', description: 'Safety plan', ownerAgency: 'police' } } }) },
    updatePlanItemStatus: { as: MANAGER, build: async () => {
      const { addPlanItem } = await setUp<{ addPlanItem: { id: string } }>(/* GraphQL */ `mutation ($input: AddPlanItemInput!) { addPlanItem(input: $input) { id } }`, {
        input: { caseId: await freshCase(), domain: 'HOUSING', description: 'Find a shelter', ownerAgency: 'housing' },
      });
      return { query: /* GraphQL */ `mutation ($id: ID!) { updatePlanItemStatus(id: $id, status: IN_PROGRESS) { id } }`, variables: { id: addPlanItem.id } };
    } },
    addMonitoringNote: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($c: ID!) { addMonitoringNote(caseId: $c, text: "Seen at home, calm.") { id } }`, variables: { c: await freshCase() } }) },
    recordCaseAction: { as: MANAGER, build: async () => ({ query: /* GraphQL */ `mutation ($input: RecordCaseActionInput!) { recordCaseAction(input: $input) { id } }`, variables: {
      input: { caseId: await freshCase(), kind: 'ACTION', description: 'Check the barring order', responsibleAgency: 'police', dueDate: hoursFromNow(48).slice(0, 10) },
    } }) },
    reviewPoliceDisclosure: { as: AUDITOR, build: async () => {
      const seq = federation.subgraphs.police.runtime.disclosureLog.reviewQueue()[0]!.seq;
      return { query: /* GraphQL */ `mutation ($seq: Int!) { reviewPoliceDisclosure(seq: $seq, justified: true, note: "Justified.") { id } }`, variables: { seq } };
    } },
  };

  /** The rows each write adds: the FJC's tables, or the police's review chain. */
  const rows = () => ({ ...countRows(federation.subgraphs.fjc.store, TABLES), reviews: federation.subgraphs.police.oneroof.sqlite.get<{ n: number }>('SELECT count(*) AS n FROM disclosure_review')!.n });

  beforeAll(async () => {
    federation = await startInProcess(WORLD);
    // Every writer takes part in an open conference, so that SECURITY_CONFERENCE is a basis to claim.
    conferenceId = (await setUp<{ conveneSecurityConference: { id: string } }>(/* GraphQL */ `
      mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, { input: conferenceInput(openCase.id) })).conveneSecurityConference.id;
    // A break-the-glass record of the police, for the reviews.
    await federation.post(`{ client(id: "${victim}") { police { involved barringOrders { id } } } }`, {
      token: await federation.token({ sub: 'housing-writes', agency: 'housing', roles: ['AGENCY_STAFF'] }), purpose: 'EMERGENCY', headers: { 'x-emergency-reason': REASON },
    });
  });
  afterAll(() => federation.stop());

  const cases = Object.keys(WRITES).flatMap((mutation) => PURPOSES.map((purpose) => [mutation, purpose] as [keyof typeof WRITES, Purpose]));
  let attempt = 0;

  it.each(cases)('%s under %s: written exactly when the table permits, and logged with its purpose and basis', async (mutation, purpose) => {
    const write = WRITES[mutation];
    const name: MutationName = mutation === 'reviewPoliceDisclosure' ? 'reviewDisclosure' : mutation;
    const permitted = (MUTATION_PERMISSIONS[name].purposes as readonly Purpose[]).includes(purpose);
    const { query, variables } = await write.build();
    const headers: Record<string, string> = { 'x-request-id': `write-${(attempt += 1)}` };
    if (purpose === 'SECURITY_CONFERENCE') headers['x-conference-id'] = conferenceId;
    if (purpose === 'EMERGENCY') headers['x-emergency-reason'] = REASON;
    const before = rows();
    const { body } = await federation.post<Record<string, unknown>>(query, { token: await federation.token(write.as), purpose, variables, headers });
    if (permitted) {
      expect([mutation, purpose, body.errors]).toEqual([mutation, purpose, undefined]);
      if (name === 'reviewDisclosure') {
        expect(rows().reviews).toBe(before.reviews + 1);
      } else {
        expect(mutationLogOf(federation.subgraphs.fjc.store, headers['x-request-id']!).map((r) => [r.purpose, r.conference_id, r.emergency_reason]))
          .toContainEqual([purpose, purpose === 'SECURITY_CONFERENCE' ? conferenceId : null, null]);
      }
      return;
    }
    expect([mutation, purpose, body.data?.[mutation] ?? null]).toEqual([mutation, purpose, null]);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const { category, purposes } = MUTATION_PERMISSIONS[name];
    expect(body.errors![0]!.extensions?.remedy).toEqual(category === null ? undefined : { kind: 'PURPOSE', category, purposes });
    expect(rows()).toEqual(before);
  });

  it('refuses every write to agencies and roles the table does not name, whatever the purpose', async () => {
    const attempts: [DevTokenClaims, keyof typeof WRITES][] = [
      [{ sub: 'fjc-desk-writes', agency: 'fjc' as AgencyId, roles: ['FRONT_DESK'] }, 'addPlanItem'],
      [{ sub: 'housing-writes', agency: 'housing', roles: ['CASE_MANAGER'] }, 'recordConsent'],
      [{ sub: 'fjc-coord-writes', agency: 'fjc', roles: ['COORDINATOR'] }, 'registerClient'],
      [MANAGER, 'registerAgencyLink'],
      [{ sub: 'housing-audit', agency: 'housing', roles: ['AUDITOR'] }, 'reviewPoliceDisclosure'],
    ];
    for (const [claims, mutation] of attempts) {
      const name: MutationName = mutation === 'reviewPoliceDisclosure' ? 'reviewDisclosure' : mutation;
      for (const purpose of MUTATION_PERMISSIONS[name].purposes) {
        const { query, variables } = await WRITES[mutation].build();
        const before = rows();
        const { body } = await federation.post<Record<string, unknown>>(query, { token: await federation.token(claims), purpose, variables, headers: purpose === 'SECURITY_CONFERENCE' ? { 'x-conference-id': conferenceId } : {} });
        const code = body.errors?.[0]?.extensions?.code;
        // A non-participant cannot even claim the conference; everywhere else the write is FORBIDDEN.
        expect([claims.sub, mutation, purpose, code === 'FORBIDDEN' || code === 'INVALID_BASIS']).toEqual([claims.sub, mutation, purpose, true]);
        expect(rows()).toEqual(before);
      }
    }
  });
});
