import type { AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { createSender, hoursFromNow } from '../helpers/fjcRecords';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';
import { withheldOf, withheldRow as denied } from '../helpers/withheld';

/**
 * The acceptance tests of the authorization policy (docs/authorization.md), end to end through the
 * in-process federation: the real gateway and every subgraph, development tokens, the state set up
 * through the FJC's own mutations. Each rule is
 * shown with the case it permits and the case it refuses, on exact values and exact errors.
 */

const WORLD = { clients: 40, seed: 7 };
const world = generateWorld(WORLD);
const { victim, knownToAll: perpetrator, child, knownToNone: walkIn } = FIXTURE_CLIENTS;
const CASE = 'CASE-000001';
const worldClient = (id: string) => world.clients.find((c) => c.id === id)!;

const MANAGER: DevTokenClaims = { sub: 'fjc-cm-1', agency: 'fjc', roles: ['CASE_MANAGER'] };
const DESK: DevTokenClaims = { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] };
const POLICE: DevTokenClaims = { sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] };
const HOUSING: DevTokenClaims = { sub: 'housing-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] };
const PROBATION: DevTokenClaims = { sub: 'probation-staff-2', agency: 'probation', roles: ['AGENCY_STAFF'] };
const PROBATION_COLLEAGUE: DevTokenClaims = { sub: 'probation-staff-3', agency: 'probation', roles: ['AGENCY_STAFF'] };
const MENTAL_HEALTH: DevTokenClaims = { sub: 'mental-health-staff-1', agency: 'mental-health', roles: ['AGENCY_STAFF'] };
const COORDINATOR: DevTokenClaims = { sub: 'fjc-coord-1', agency: 'fjc', roles: ['COORDINATOR'] };
const AUDITOR: DevTokenClaims = { sub: 'fjc-audit-1', agency: 'fjc', roles: ['AUDITOR'] };
const EMERGENCY_REASON = { 'x-emergency-reason': 'Victim reports threats tonight, police on the way' };

const RECORD_CONSENT = /* GraphQL */ `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id status } }`;
const REVOKE_CONSENT = /* GraphQL */ `mutation ($id: ID!, $reason: String!) { revokeConsent(id: $id, reason: $reason) { id status } }`;
const CONVENE = /* GraphQL */ `
  mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id status } }
`;
const CLOSE = /* GraphQL */ `mutation ($id: ID!) { closeSecurityConference(id: $id) { id status } }`;

interface PoliceRecords {
  interventions: { reportNumber: string; kind: string; role: string }[];
  barringOrders: { id: string; status: string; role: string }[];
}

describe('authorization through the gateway, rule by rule', () => {
  let stack: InProcessFederation;
  const sendAs = createSender(() => stack, 'authorization-test');

  beforeAll(async () => {
    stack = await startInProcess(WORLD);
  });
  afterAll(() => stack.stop());

  /** Sends as `claims` with a purpose and its companion headers. */
  const send = <T = Record<string, unknown>>(claims: DevTokenClaims, purpose: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    sendAs<T>(claims, query, variables, { purpose, headers });

  async function recordConsent(clientId: string, granteeAgency: string, categories: string[], purposes = ['CASE_MANAGEMENT']): Promise<string> {
    const { body } = await send<{ recordConsent: { id: string; status: string } }>(MANAGER, 'CASE_MANAGEMENT', RECORD_CONSENT, {
      input: {
        clientId, granteeAgency, categories, purposes, validFrom: hoursFromNow(-1), validUntil: hoursFromNow(24),
        evidenceReference: `FORM/AUTH/${clientId}/${granteeAgency}`,
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.recordConsent.status).toBe('ACTIVE');
    return body.data!.recordConsent.id;
  }

  async function convene(participants: DevTokenClaims[]): Promise<string> {
    const { body } = await send<{ conveneSecurityConference: { id: string; status: string } }>(MANAGER, 'CASE_MANAGEMENT', CONVENE, {
      input: {
        caseId: CASE, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(2), legalBasis: 'PROSECUTOR_PERMISSION',
        legalBasisReference: 'PK/2026/00777', participants: participants.map((p) => ({ staffId: p.sub, agency: p.agency })),
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.conveneSecurityConference.status).toBe('OPEN');
    return body.data!.conveneSecurityConference.id;
  }

  /** The police zone's own records of a client, read from its store: what the police hold. */
  /** An agency's own person id for a client: its link, in OneRoof's own store for the agency. */
  const personOf = (agency: AgencyId, clientId: string) => stack.subgraphs[agency].oneroof.links.find([clientId])[0]?.personId ?? null;

  function policeStoreRecords(clientId: string): PoliceRecords {
    const store = stack.subgraphs.police.store;
    const person = personOf('police', clientId);
    return {
      interventions: store.all(
        'SELECT report_number AS reportNumber, kind, role FROM interventions WHERE person_id = ? ORDER BY occurred_at DESC', person),
      barringOrders: store.all('SELECT id, status, role FROM barring_orders WHERE person_id = ? ORDER BY starts_at DESC', person),
    };
  }

  const involvementOf = (agency: string, clientId: string) => world.involvements.find((i) => i.agency === agency && i.clientId === clientId)!;

  describe('the FJC front desk (FRONT_DESK, ceiling IDENTITY and INVOLVEMENT)', () => {
    const DESK_VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) {
      id firstName lastName dateOfBirth registeredAt agencyLinks { agency capacity since }
      phone address { street }
      police { involved capacity interventions { kind } barringOrders { status } }
      mentalHealth { involved }
    } }`;

    /** The FJC's own registry entry of the victim, as the world generated it, with the reference directory sorted by agency. */
    function registryEntry() {
      const { firstName, lastName, dateOfBirth, registeredAt } = worldClient(victim);
      // That the mental-health centre knows a client is health data: the desk's directory never shows it.
      const agencyLinks = world.involvements
        .filter((i) => i.clientId === victim && i.agency !== 'mental-health')
        .map(({ agency, capacity, since }) => ({ agency, capacity, since }))
        .sort((a, b) => a.agency.localeCompare(b.agency));
      expect(agencyLinks.map((l) => l.agency)).toEqual(expect.arrayContaining(['police', 'housing']));
      return { id: victim, firstName, lastName, dateOfBirth, registeredAt, agencyLinks };
    }

    function sortedLinks(data: unknown) {
      const client = (data as { client: { agencyLinks: { agency: string }[] } }).client;
      return { ...client, agencyLinks: [...client.agencyLinks].sort((a, b) => a.agency.localeCompare(b.agency)) };
    }

    it.each(['INTAKE', 'CASE_MANAGEMENT'])('shows the front desk a client\'s identity and which agencies know her (%s), as those agencies do, and none of their records', async (purpose) => {
      const { body } = await send(DESK, purpose, DESK_VIEW, { id: victim });
      // The directory's police entry and the police's own `involved` are one fact, one decision
      // (rule 6, joint client: the FJC knows every client it registered).
      expect(sortedLinks(body.data)).toEqual({
        ...registryEntry(), phone: null, address: null, mentalHealth: null,
        police: { involved: true, capacity: involvementOf('police', victim).capacity, interventions: null, barringOrders: null },
      });
      expect(withheldOf(body)).toEqual([
        denied('client.address', 'FORBIDDEN', 'CONTACT', 'fjc'),
        denied('client.mentalHealth.involved', 'FORBIDDEN', 'HEALTH', 'mental-health'),
        denied('client.phone', 'FORBIDDEN', 'CONTACT', 'fjc'),
        denied('client.police.barringOrders', 'FORBIDDEN', 'SAFETY', 'police'),
        denied('client.police.interventions', 'FORBIDDEN', 'JUSTICE', 'police'),
      ]);
    });

    it('shows the front desk in an emergency which agencies know a client, as each of them releases it', async () => {
      const { body } = await send(DESK, 'EMERGENCY', DESK_VIEW, { id: victim }, EMERGENCY_REASON);
      expect(sortedLinks(body.data)).toEqual({
        ...registryEntry(), phone: null, address: null, mentalHealth: null,
        police: { involved: true, capacity: involvementOf('police', victim).capacity, interventions: null, barringOrders: null },
      });
    });

    it('shows FJC case management staff the contact data the front desk may not see', async () => {
      const { body } = await send(MANAGER, 'CASE_MANAGEMENT', /* GraphQL */ `query ($id: ID!) { client(id: $id) { phone address { street postalCode municipality } } }`, { id: victim });
      expect(body).toEqual({ data: { client: { phone: worldClient(victim).phone, address: worldClient(victim).address } } });
    });
  });

  describe('own records and consent (rules 1, 3 and 7)', () => {
    const POLICE_VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) {
      police { involved capacity interventions { reportNumber kind role } barringOrders { id status role } }
    } }`;

    it('shows police staff the interventions and barring orders the police hold on a client they know', async () => {
      const records = policeStoreRecords(perpetrator);
      expect(records.interventions.length).toBeGreaterThan(0);
      expect(records.barringOrders.length).toBeGreaterThan(0);
      const { body } = await send(POLICE, 'CASE_MANAGEMENT', POLICE_VIEW, { id: perpetrator });
      expect(body).toEqual({ data: { client: { police: { involved: true, capacity: 'SUSPECT', ...records } } } });
    });

    it('withholds police records from housing staff who know the same client, without consent (CONSENT_REQUIRED)', async () => {
      const { body } = await send(HOUSING, 'CASE_MANAGEMENT', POLICE_VIEW, { id: perpetrator });
      // Housing knows the client too (joint client): it may learn that the police do, nothing more.
      expect(body.data).toEqual({ client: { police: { involved: true, capacity: 'SUSPECT', interventions: null, barringOrders: null } } });
      expect(withheldOf(body)).toEqual([
        denied('client.police.barringOrders', 'CONSENT_REQUIRED', 'SAFETY', 'police'),
        denied('client.police.interventions', 'CONSENT_REQUIRED', 'JUSTICE', 'police'),
      ]);
    });

    it('shows a client\'s identity to an agency that knows the client, for intake and case management only (joint client)', async () => {
      const query = /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) { id displayName } }`;
      const { firstName, lastName } = worldClient(victim);
      for (const purpose of ['INTAKE', 'CASE_MANAGEMENT']) {
        const known = await send(POLICE, purpose, query, { ids: [victim, walkIn] });
        expect(known.body.data).toEqual({ clients: [{ id: victim, displayName: `${firstName} ${lastName}` }, { id: walkIn, displayName: null }] });
        expect(withheldOf(known.body)).toEqual([denied('clients.1.displayName', 'CONSENT_REQUIRED', 'IDENTITY', 'fjc')]);
      }
      const emergency = await send(HOUSING, 'EMERGENCY', query, { ids: [walkIn] }, EMERGENCY_REASON);
      expect(emergency.body.data).toEqual({ clients: [{ id: walkIn, displayName: worldClient(walkIn).firstName + ' ' + worldClient(walkIn).lastName }] });
    });
  });

  describe('protected contact (rule 2)', () => {
    const CONTACT_VIEW = /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) { id phone address { street postalCode municipality } } }`;
    let conferenceId: string;

    beforeAll(async () => {
      // The victim consents to probation and to housing seeing her contact data, for case management
      // and for security conferences; probation and housing staff both take part in an open conference.
      for (const agency of ['probation', 'housing']) {
        await recordConsent(victim, agency, ['CONTACT'], ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE']);
      }
      conferenceId = await convene([MANAGER, PROBATION, HOUSING]);
    });

    it('withholds a victim\'s address and phone from probation staff, even with consent and an open conference (PROTECTED)', async () => {
      const managing = await send(PROBATION, 'CASE_MANAGEMENT', CONTACT_VIEW, { ids: [victim, child] });
      const conferring = await send(PROBATION, 'SECURITY_CONFERENCE', CONTACT_VIEW, { ids: [victim, child] }, { 'x-conference-id': conferenceId });
      for (const { body } of [managing, conferring]) {
        expect(body.data).toEqual({ clients: [{ id: victim, phone: null, address: null }, { id: child, phone: null, address: null }] });
        expect(withheldOf(body)).toEqual([
          denied('clients.0.address', 'PROTECTED', 'CONTACT', 'fjc'),
          denied('clients.0.phone', 'PROTECTED', 'CONTACT', 'fjc'),
          denied('clients.1.address', 'PROTECTED', 'CONTACT', 'fjc'),
          denied('clients.1.phone', 'PROTECTED', 'CONTACT', 'fjc'),
        ]);
      }
    });

    it('shows the same victim\'s address and phone to housing staff with the same consent, and not her child\'s, which she did not consent to', async () => {
      const { phone, address } = worldClient(victim);
      for (const [purpose, headers] of [['CASE_MANAGEMENT', {}], ['SECURITY_CONFERENCE', { 'x-conference-id': conferenceId }]] as const) {
        const { body } = await send(HOUSING, purpose, CONTACT_VIEW, { ids: [victim, child] }, headers);
        expect(body.data).toEqual({ clients: [{ id: victim, phone, address }, { id: child, phone: null, address: null }] });
        expect(withheldOf(body)).toEqual([
          denied('clients.1.address', 'CONSENT_REQUIRED', 'CONTACT', 'fjc'),
          denied('clients.1.phone', 'CONSENT_REQUIRED', 'CONTACT', 'fjc'),
        ]);
      }
    });

    it('shows probation staff the contact data of a perpetrator who consented: the protection is for victims and children', async () => {
      const query = /* GraphQL */ `query ($id: ID!) { client(id: $id) { phone address { street postalCode municipality } } }`;
      const before = await send(PROBATION, 'CASE_MANAGEMENT', query, { id: perpetrator });
      expect(before.body.data).toEqual({ client: { phone: null, address: null } });
      expect(withheldOf(before.body)).toEqual([
        denied('client.address', 'CONSENT_REQUIRED', 'CONTACT', 'fjc'),
        denied('client.phone', 'CONSENT_REQUIRED', 'CONTACT', 'fjc'),
      ]);
      await recordConsent(perpetrator, 'probation', ['CONTACT']);
      const { phone, address } = worldClient(perpetrator);
      expect((await send(PROBATION, 'CASE_MANAGEMENT', query, { id: perpetrator })).body).toEqual({ data: { client: { phone, address } } });
    });
  });

  describe('health data on consent only (rule 3)', () => {
    const HEALTH_VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) { id mentalHealth { involved inCare } } }`;

    it('shows a case manager mental-health care status with a HEALTH consent to the FJC, and not from the very next request after its revocation', async () => {
      const noConsent = await send(MANAGER, 'CASE_MANAGEMENT', HEALTH_VIEW, { id: perpetrator });
      expect(noConsent.body.data).toEqual({ client: { id: perpetrator, mentalHealth: null } });
      expect(withheldOf(noConsent.body)).toEqual([
        denied('client.mentalHealth.inCare', 'CONSENT_REQUIRED', 'HEALTH', 'mental-health'),
        denied('client.mentalHealth.involved', 'CONSENT_REQUIRED', 'HEALTH', 'mental-health'),
      ]);

      // What the centre itself holds: its own staff see it on rule 1, and its store says the same.
      const own = await send<{ client: { mentalHealth: { involved: boolean; inCare: boolean } } }>(MENTAL_HEALTH, 'CASE_MANAGEMENT', HEALTH_VIEW, { id: perpetrator });
      const latest = stack.subgraphs['mental-health'].store.get<{ ended: string | null }>(
        'SELECT ended_on AS ended FROM care_episodes WHERE person_id = ? ORDER BY started_on DESC LIMIT 1', personOf('mental-health', perpetrator));
      expect(latest).toBeDefined();
      expect(own.body).toEqual({ data: { client: { id: perpetrator, mentalHealth: { involved: true, inCare: latest!.ended === null } } } });

      const consentId = await recordConsent(perpetrator, 'fjc', ['HEALTH']);
      const consented = await send(MANAGER, 'CASE_MANAGEMENT', HEALTH_VIEW, { id: perpetrator });
      expect(consented.body).toEqual(own.body);

      const revoked = await send<{ revokeConsent: { id: string; status: string } }>(MANAGER, 'CASE_MANAGEMENT', REVOKE_CONSENT, {
        id: consentId, reason: 'Client withdrew consent at the desk.',
      });
      expect(revoked.body).toEqual({ data: { revokeConsent: { id: consentId, status: 'REVOKED' } } });
      const next = await send(MANAGER, 'CASE_MANAGEMENT', HEALTH_VIEW, { id: perpetrator });
      expect(next.body.data).toEqual({ client: { id: perpetrator, mentalHealth: null } });
      expect(withheldOf(next.body)).toEqual(withheldOf(noConsent.body));
    });
  });

  describe('security conferences (rule 4)', () => {
    const CONFERENCE_VIEW = /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) {
      id police { involved interventions { reportNumber kind role } barringOrders { id status role } } mentalHealth { involved }
    } }`;
    const policeWithheld = (index: number) => [
      denied(`clients.${index}.mentalHealth.involved`, 'CONSENT_REQUIRED', 'HEALTH', 'mental-health'),
      denied(`clients.${index}.police.barringOrders`, 'CONSENT_REQUIRED', 'SAFETY', 'police'),
      denied(`clients.${index}.police.interventions`, 'CONSENT_REQUIRED', 'JUSTICE', 'police'),
      denied(`clients.${index}.police.involved`, 'CONSENT_REQUIRED', 'INVOLVEMENT', 'police'),
    ];
    const nothing = (id: string) => ({ id, police: null, mentalHealth: null });

    it('shows a participant the police\'s safety and justice records of the case\'s members during the conference, and not after it closes', async () => {
      const conferenceId = await convene([MANAGER, POLICE, PROBATION]);
      const records = policeStoreRecords(victim);
      expect(records.barringOrders.length).toBeGreaterThan(0);
      const header = { 'x-conference-id': conferenceId };

      const during = await send(PROBATION, 'SECURITY_CONFERENCE', CONFERENCE_VIEW, { ids: [victim, perpetrator, walkIn] }, header);
      expect(during.body.data).toEqual({
        clients: [
          { id: victim, police: { involved: true, ...records }, mentalHealth: null },
          { id: perpetrator, police: { involved: true, ...policeStoreRecords(perpetrator) }, mentalHealth: null },
          // Not a member of the conference's case: the conference is no basis for this client.
          nothing(walkIn),
        ],
      });
      expect(withheldOf(during.body)).toEqual([
        // Health stays behind consent, even in a conference.
        denied('clients.0.mentalHealth.involved', 'CONSENT_REQUIRED', 'HEALTH', 'mental-health'),
        denied('clients.1.mentalHealth.involved', 'CONSENT_REQUIRED', 'HEALTH', 'mental-health'),
        ...policeWithheld(2),
      ]);

      // The same participant for case management: no conference, and probation does not know the victim.
      const managing = await send(PROBATION, 'CASE_MANAGEMENT', CONFERENCE_VIEW, { ids: [victim] });
      expect(managing.body.data).toEqual({ clients: [nothing(victim)] });
      expect(withheldOf(managing.body)).toEqual(policeWithheld(0));

      const closed = await send<{ closeSecurityConference: { id: string; status: string } }>(MANAGER, 'CASE_MANAGEMENT', CLOSE, { id: conferenceId });
      expect(closed.body).toEqual({ data: { closeSecurityConference: { id: conferenceId, status: 'CLOSED' } } });
      // A closed conference is no basis to claim: refused before any agency is asked.
      const after = await send(PROBATION, 'SECURITY_CONFERENCE', CONFERENCE_VIEW, { ids: [victim] }, header);
      expect([after.status, after.body.data ?? null]).toEqual([403, null]);
      expect(after.body.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_BASIS']);
    });

    it('refuses a staff member who is not a registered participant anything under the conference (INVALID_BASIS)', async () => {
      const conferenceId = await convene([MANAGER, POLICE, PROBATION]);
      const header = { 'x-conference-id': conferenceId };
      const colleague = await send(PROBATION_COLLEAGUE, 'SECURITY_CONFERENCE', CONFERENCE_VIEW, { ids: [victim] }, header);
      expect([colleague.status, colleague.body.data ?? null]).toEqual([403, null]);
      expect(colleague.body.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_BASIS']);
      // A participant's staff id presented under another agency is not that participant.
      const impostor = await send({ ...PROBATION, agency: 'housing' }, 'SECURITY_CONFERENCE', CONFERENCE_VIEW, { ids: [victim] }, header);
      expect([impostor.status, impostor.body.data ?? null]).toEqual([403, null]);
      // The participant it was convened for does see the records.
      const participant = await send(PROBATION, 'SECURITY_CONFERENCE', CONFERENCE_VIEW, { ids: [victim] }, header);
      expect(participant.body.data).toEqual({ clients: [{ id: victim, police: { involved: true, ...policeStoreRecords(victim) }, mentalHealth: null }] });
    });
  });

  describe('emergencies (rule 5)', () => {
    const EMERGENCY_VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) {
      displayName phone
      police { involved barringOrders { id status role } interventions { kind } }
      probation { supervisionOrders { status } }
      mentalHealth { involved }
    } }`;

    it('shows housing staff police barring orders in an emergency, and no justice, health or contact data (FORBIDDEN at the gateway)', async () => {
      const { firstName, lastName } = worldClient(victim);
      const { body } = await send(HOUSING, 'EMERGENCY', EMERGENCY_VIEW, { id: victim }, EMERGENCY_REASON);
      expect(body.data).toEqual({
        client: {
          displayName: `${firstName} ${lastName}`, phone: null,
          police: { involved: true, barringOrders: policeStoreRecords(victim).barringOrders, interventions: null },
          probation: { supervisionOrders: null }, mentalHealth: null,
        },
      });
      expect(withheldOf(body)).toEqual([
        denied('client.mentalHealth.involved', 'FORBIDDEN', 'HEALTH', 'mental-health'),
        denied('client.phone', 'FORBIDDEN', 'CONTACT', 'fjc'),
        denied('client.police.interventions', 'FORBIDDEN', 'JUSTICE', 'police'),
        denied('client.probation.supervisionOrders', 'FORBIDDEN', 'JUSTICE', 'probation'),
      ]);
    });

    it('withholds the same barring orders from the same housing staff outside an emergency', async () => {
      const { body } = await send(HOUSING, 'CASE_MANAGEMENT', /* GraphQL */ `query ($id: ID!) { client(id: $id) { police { involved barringOrders { id } } } }`, { id: victim });
      expect(body.data).toEqual({ client: { police: { involved: true, barringOrders: null } } });
      expect(withheldOf(body)).toEqual([denied('client.police.barringOrders', 'CONSENT_REQUIRED', 'SAFETY', 'police')]);
    });

    it('refuses an emergency without a reason (PURPOSE_REQUIRED) or with one under 10 characters (INVALID_BASIS), before any data is read', async () => {
      for (const [headers, code] of [[{}, 'PURPOSE_REQUIRED'], [{ 'x-emergency-reason': 'danger!!!' }, 'INVALID_BASIS']] as [Record<string, string>, string][]) {
        const { status, body } = await send(HOUSING, 'EMERGENCY', EMERGENCY_VIEW, { id: victim }, headers);
        expect(status).toBe(400);
        expect(body.data ?? null).toBeNull();
        expect((body.errors ?? []).map((e) => e.extensions?.code)).toEqual([code]);
      }
    });
  });

  describe('coordinators and auditors (ceiling: no person data)', () => {
    const PERSON_VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) { id displayName phone police { involved barringOrders { status } } mentalHealth { involved } } }`;

    it.each([
      ['a coordinator asking for statistics', COORDINATOR, 'STATISTICS'],
      ['a coordinator asking for case management', COORDINATOR, 'CASE_MANAGEMENT'],
      ['an auditor asking for an audit', AUDITOR, 'AUDIT'],
      ['an auditor asking for case management', AUDITOR, 'CASE_MANAGEMENT'],
      ['an auditor who is also a coordinator', { ...AUDITOR, roles: ['AUDITOR', 'COORDINATOR'] }, 'CASE_MANAGEMENT'],
    ] as [string, DevTokenClaims, string][])('shows %s no person field, not even whether the client exists', async (_name, claims, purpose) => {
      const { body } = await send(claims, purpose, PERSON_VIEW, { id: victim });
      expect(body.data).toEqual({ client: null });
      expect((body.errors ?? []).map((e) => [e.path, e.extensions?.code])).toEqual([[['client'], 'FORBIDDEN']]);
      expect(JSON.stringify(body)).not.toContain(worldClient(victim).lastName);
    });

    it('shows a coordinator who is also a case manager the person data of the case manager\'s ceiling (union of roles)', async () => {
      const { firstName, lastName, phone } = worldClient(victim);
      const { body } = await send({ ...MANAGER, roles: ['COORDINATOR', 'CASE_MANAGER'] }, 'CASE_MANAGEMENT',
        /* GraphQL */ `query ($id: ID!) { client(id: $id) { id displayName phone } }`, { id: victim });
      expect(body).toEqual({ data: { client: { id: victim, displayName: `${firstName} ${lastName}`, phone } } });
    });
  });
});
