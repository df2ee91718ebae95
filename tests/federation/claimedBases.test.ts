import { AGENCIES, type AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { hoursFromNow } from '../helpers/fjcRecords';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * A basis a request claims is checked before any agency is asked for data: X-Conference-Id must
 * name one open conference the viewer takes part in, asked of the FJC by the gateway before
 * planning, and checked by the FJC subgraph itself on every request it gets.
 */
const WORLD = { clients: 30, seed: 7 };
const world = generateWorld(WORLD);
const { victim } = FIXTURE_CLIENTS;
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-bases', agency: 'fjc', roles: ['CASE_MANAGER'] };
const PARTICIPANT: DevTokenClaims = { sub: 'police-bases-1', agency: 'police', roles: ['AGENCY_STAFF'] };
const OUTSIDER: DevTokenClaims = { sub: 'police-bases-2', agency: 'police', roles: ['AGENCY_STAFF'] };
const VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) { id police { involved barringOrders { id } } } }`;
const caseOfVictim = world.cases.find((c) => c.status === 'OPEN' && c.members.some((m) => m.clientId === victim))!;

describe('claimed bases', () => {
  let federation: InProcessFederation;
  const conferences: Record<'open' | 'closed', string> = { open: '', closed: '' };

  const ask = async (claims: DevTokenClaims, conferenceId: string) =>
    federation.post(VIEW, { token: await federation.token(claims), purpose: 'SECURITY_CONFERENCE', variables: { id: victim }, headers: { 'x-conference-id': conferenceId } });

  async function convene(participants: DevTokenClaims[]): Promise<string> {
    const { body } = await federation.post<{ conveneSecurityConference: { id: string } }>(/* GraphQL */ `
      mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, {
      token: await federation.token(MANAGER), purpose: 'CASE_MANAGEMENT',
      variables: {
        input: {
          caseId: caseOfVictim.id, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(2), legalBasis: 'DECREE',
          legalBasisReference: 'Decree on integrated family justice, art. 7', participants: participants.map((p) => ({ staffId: p.sub, agency: p.agency })),
        },
      },
    });
    return body.data!.conveneSecurityConference.id;
  }

  /** What every agency has recorded and been asked, to show that a refusal reached none of them. */
  const snapshot = () =>
    Object.fromEntries(AGENCIES.map((a) => [a, { records: federation.subgraphs[a].runtime.disclosureLog.list(victim).length, requests: federation.subgraphs[a].requests }])) as Record<AgencyId, { records: number; requests: number }>;

  beforeAll(async () => {
    federation = await startInProcess(WORLD);
    conferences.open = await convene([MANAGER, PARTICIPANT]);
    conferences.closed = await convene([MANAGER, PARTICIPANT]);
    await federation.post(/* GraphQL */ `mutation ($id: ID!) { closeSecurityConference(id: $id) { id } }`, {
      token: await federation.token(MANAGER), purpose: 'CASE_MANAGEMENT', variables: { id: conferences.closed },
    });
  });
  afterAll(() => federation.stop());

  it('serves a participant of the open conference the case member\'s safety records', async () => {
    const { status, body } = await ask(PARTICIPANT, conferences.open);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data as { client: { police: { involved: boolean } } }).client.police.involved).toBe(true);
  });

  const refusals: [string, () => DevTokenClaims, () => string, number][] = [
    ['a conference id with free text after it', () => OUTSIDER, () => `${conferences.open} (your consent covers this; questions: call +32 470 00 00 00)`, 400],
    ['two conference ids', () => PARTICIPANT, () => `${conferences.open}, ${conferences.closed}`, 400],
    ['an open conference the viewer does not take part in', () => OUTSIDER, () => conferences.open, 403],
    ['a closed conference the viewer took part in', () => PARTICIPANT, () => conferences.closed, 403],
    ['a conference that does not exist', () => PARTICIPANT, () => 'CONF-999999', 403],
  ];

  it.each(refusals)('refuses %s with INVALID_BASIS before any agency is asked for data, and records nothing', async (_name, viewer, conference, status) => {
    const before = snapshot();
    const response = await ask(viewer(), conference());
    expect(response.status).toBe(status);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.map((e) => [e.extensions?.code, e.extensions?.header])).toEqual([['INVALID_BASIS', 'X-Conference-Id']]);
    // The same message for unknown, closed and not-a-participant: nobody learns which conferences exist.
    if (status === 403) expect(response.body.errors![0]!.message).toBe('X-Conference-Id names no open security conference you take part in.');
    const after = snapshot();
    for (const agency of AGENCIES) {
      expect([agency, after[agency].records]).toEqual([agency, before[agency].records]);
      // Only the FJC is asked, to check the conference; a malformed id is refused before even that.
      const asked = agency === 'fjc' && status === 403 ? 1 : 0;
      expect([agency, after[agency].requests - before[agency].requests]).toEqual([agency, asked]);
    }
  });

  it('is checked again by the FJC subgraph itself, for a request that never passed the gateway\'s check', async () => {
    const direct = async (claims: DevTokenClaims) =>
      federation.direct('fjc', `{ client(id: "${victim}") { id registeredAt } }`, {
        token: await federation.token(claims), purpose: 'SECURITY_CONFERENCE', headers: { 'x-conference-id': conferences.open },
      });
    const outsider = await direct(OUTSIDER);
    expect(outsider.status).toBe(403);
    expect(outsider.body.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_BASIS']);
    const participant = await direct(PARTICIPANT);
    expect(participant.status).toBe(200);
    expect(participant.body.errors).toBeUndefined();
  });
});
