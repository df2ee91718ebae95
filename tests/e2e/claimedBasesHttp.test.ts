import { AGENCIES } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { hoursFromNow } from '../helpers/fjcRecords';
import { rawRequest } from '../helpers/rawHttp';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * Claimed bases over real HTTP, where the bytes of a header matter: an emergency reason written in
 * UTF-8 is stored as written (not as mojibake) and without the control and bidi characters a
 * caller put in; a conference id a caller made up never reaches the client's printable report.
 */
const CLIENT = FIXTURE_CLIENTS.victim;
const HOUSING: DevTokenClaims = { sub: 'housing-utf8', agency: 'housing', roles: ['AGENCY_STAFF'] };
const PARTICIPANT: DevTokenClaims = { sub: 'probation-report-1', agency: 'probation', roles: ['AGENCY_STAFF'] };
const HOSTILE = 'CONF-000001 (your consent covers this; questions: call +32 470 00 00 00)';
const QUERY = JSON.stringify({ query: `{ client(id: "${CLIENT}") { displayName police { involved barringOrders { id } } } }` });

describe('claimed bases over HTTP', () => {
  let stack: TestStack;
  let manager: DevTokenClaims;
  const path = new URL('http://x/graphql').pathname;

  const send = async (claims: DevTokenClaims, headers: Record<string, string>) =>
    rawRequest(stack.gatewayUrl, {
      method: 'POST', path, body: QUERY,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(claims)}`, ...headers },
    });
  /** The emergency reason the owning agencies stored for one request. */
  const storedReasons = (requestId: string) =>
    ['fjc', 'police'].map((agency) => stack.subgraphs[agency as 'fjc'].runtime.disclosureLog.list(CLIENT).find((r) => r.requestId === requestId)?.emergencyReason);

  beforeAll(async () => {
    stack = await startStack({ clients: 30 });
    const managed = stack.subgraphs.fjc.store.get<{ caseId: string; manager: string }>(
      "SELECT c.id AS caseId, c.case_manager AS manager FROM cases c JOIN case_members m ON m.case_id = c.id WHERE m.client_id = ? AND c.status = 'OPEN'", CLIENT,
    )!;
    manager = { sub: managed.manager, agency: 'fjc', roles: ['CASE_MANAGER'] };
    const convened = await stack.post<{ conveneSecurityConference: { id: string } }>(/* GraphQL */ `
      mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, {
      token: await stack.token(manager), purpose: 'CASE_MANAGEMENT',
      variables: { input: { caseId: managed.caseId, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(2), legalBasis: 'DECREE', legalBasisReference: 'Decree, art. 7', participants: [{ staffId: PARTICIPANT.sub, agency: 'probation' }] } },
    });
    const conferenceId = convened.body.data!.conveneSecurityConference.id;
    // A housing officer, no participant, tries to pass free text as a conference id; a probation officer takes part.
    const hostile = await send(HOUSING, { 'x-purpose-of-use': 'SECURITY_CONFERENCE', 'x-conference-id': HOSTILE, 'x-request-id': 'hostile-conference' });
    expect(hostile.status).toBe(400);
    const served = await send(PARTICIPANT, { 'x-purpose-of-use': 'SECURITY_CONFERENCE', 'x-conference-id': conferenceId, 'x-request-id': 'real-conference' });
    expect(served.status).toBe(200);
  });
  afterAll(() => stack.stop());

  it('stores an emergency reason sent as plain UTF-8 bytes exactly as written', async () => {
    const reason = 'Dreiging met een mes — één kind mee, vluchtte naar de buren';
    const { status } = await send(HOUSING, { 'x-purpose-of-use': 'EMERGENCY', 'x-emergency-reason': Buffer.from(reason, 'utf8').toString('latin1'), 'x-request-id': 'utf8-plain' });
    expect(status).toBe(200);
    expect(storedReasons('utf8-plain')).toEqual([reason, reason]);
  });

  it('stores an emergency reason sent percent-encoded (UTF-8\'\') exactly as written', async () => {
    const reason = 'Угроза ножом, соседи вызвали полицию';
    const { status } = await send(HOUSING, { 'x-purpose-of-use': 'EMERGENCY', 'x-emergency-reason': `UTF-8''${encodeURIComponent(reason)}`, 'x-request-id': 'utf8-encoded' });
    expect(status).toBe(200);
    expect(storedReasons('utf8-encoded')).toEqual([reason, reason]);
  });

  it('stores an emergency reason without the bidi and zero-width characters a caller put in', async () => {
    const sent = 'Threats tonight\u202e ,yaw eht no ecilop\u202c\u200b at the shelter';
    const { status } = await send(HOUSING, { 'x-purpose-of-use': 'EMERGENCY', 'x-emergency-reason': Buffer.from(sent, 'utf8').toString('latin1'), 'x-request-id': 'utf8-bidi' });
    expect(status).toBe(200);
    expect(storedReasons('utf8-bidi')).toEqual(['Threats tonight ,yaw eht no ecilop at the shelter', 'Threats tonight ,yaw eht no ecilop at the shelter']);
  });

  it('refuses an emergency reason whose bytes are not UTF-8, before any agency is asked (INVALID_BASIS)', async () => {
    const { status, text } = await send(HOUSING, { 'x-purpose-of-use': 'EMERGENCY', 'x-emergency-reason': 'Menace au caf\u00e9 ce soir', 'x-request-id': 'latin1' });
    expect(status).toBe(400);
    expect((JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code)).toEqual(['INVALID_BASIS']);
    expect(storedReasons('latin1')).toEqual([undefined, undefined]);
  });

  it('never stores or prints a conference id a caller made up; prints the one that was the basis', async () => {
    for (const agency of AGENCIES) {
      const stored = stack.subgraphs[agency].oneroof.sqlite.get<{ n: number }>("SELECT count(*) AS n FROM disclosure_log WHERE conference_id LIKE '%consent%' OR request_id = 'hostile-conference'")!;
      expect([agency, stored.n]).toEqual([agency, 0]);
    }
    const report = await rawRequest(stack.gatewayUrl, {
      method: 'GET', path: `/clients/${CLIENT}/disclosure-report.txt`,
      headers: { authorization: `Bearer ${await stack.token(manager)}`, 'x-purpose-of-use': 'CASE_MANAGEMENT' },
    });
    expect(report.status).toBe(200);
    expect(report.text).not.toMatch(/consent covers|\+32 470/);
    const conference = stack.subgraphs.police.runtime.disclosureLog.list(CLIENT).find((r) => r.requestId === 'real-conference')!.conferenceId!;
    expect(report.text).toContain(`security conference ${conference}`);
  });
});
