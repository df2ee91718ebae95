import type { FjcStore } from '../../subgraphs/fjc/store';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import type { RequestContext } from '../../lib/viewer';
import { findClientBases } from '../../subgraphs/fjc/accessStore';
import { countRows, hoursFromNow, mutationLogOf, createSender } from '../helpers/fjcRecords';
import { startStack, type TestStack } from '../helpers/stack';

const CONFERENCE_FIELDS = /* GraphQL */ `
  id case { id } startsAt endsAt status legalBasis legalBasisReference participants { staffId agency }
  convenedBy closedAt closedBy
`;
const CONVENE = /* GraphQL */ `
  mutation Convene($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { ${CONFERENCE_FIELDS} } }
`;
const CLOSE = /* GraphQL */ `mutation Close($id: ID!) { closeSecurityConference(id: $id) { ${CONFERENCE_FIELDS} } }`;
const READ = /* GraphQL */ `query Read($id: ID!) { securityConference(id: $id) { ${CONFERENCE_FIELDS} } }`;
const RECORD_ACTION = /* GraphQL */ `
  mutation Action($input: RecordCaseActionInput!) { recordCaseAction(input: $input) { id kind description responsibleAgency dueDate conference { id } } }
`;

interface Conference {
  id: string;
  case: { id: string };
  startsAt: string;
  endsAt: string;
  status: string;
  legalBasis: string;
  legalBasisReference: string;
  participants: { staffId: string; agency: string }[];
  convenedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

const CASE = 'CASE-000001';
const TABLES = ['conferences', 'conference_participants', 'case_actions', 'mutation_log'];
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-1', agency: 'fjc', roles: ['CASE_MANAGER'] };
const DESK: DevTokenClaims = { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] };
const POLICE_PARTICIPANT: DevTokenClaims = { sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] };
const PARTICIPANTS = [
  { staffId: 'fjc-cm-1', agency: 'fjc' },
  { staffId: 'police-staff-1', agency: 'police' },
  { staffId: 'probation-staff-2', agency: 'probation' },
];

function input(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId: CASE, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(2), legalBasis: 'PROSECUTOR_PERMISSION',
    legalBasisReference: 'PK/2026/00123', participants: PARTICIPANTS, ...change,
  };
}

function codesOf(errors: { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return [...new Set((errors ?? []).map((e) => e.extensions?.code))];
}

describe('security conferences through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
  });
  afterAll(() => stack.stop());

  const fjc = () => stack.subgraphs.fjc.store;

  const sendAs = createSender(() => stack, 'conferences-test');
  const send = <T>(claims: DevTokenClaims, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    sendAs<T>(claims, query, variables, { headers, purpose: headers['x-conference-id'] ? 'SECURITY_CONFERENCE' : 'CASE_MANAGEMENT' });

  async function convene(change: Record<string, unknown> = {}): Promise<Conference> {
    const { body } = await send<{ conveneSecurityConference: Conference }>(MANAGER, CONVENE, { input: input(change) });
    expect(body.errors).toBeUndefined();
    return body.data!.conveneSecurityConference;
  }

  /** The legal bases the registry hands one staff member for the first family, under a conference's id. */
  function basesUnder(conferenceId: string, viewer: DevTokenClaims) {
    const request: RequestContext = {
      viewer: { sub: viewer.sub, name: viewer.sub, agency: viewer.agency, roles: viewer.roles } as RequestContext['viewer'],
      purpose: 'SECURITY_CONFERENCE', conferenceId, requestId: 'bases-check', token: 'unused',
    };
    return findClientBases(stack.subgraphs.fjc.agencyStore as FjcStore, request, [FIXTURE_CLIENTS.victim, FIXTURE_CLIENTS.knownToNone]).map((b) => b.conference);
  }

  it('convenes a conference as FJC case manager, and logs who, when and under which request id', async () => {
    const before = countRows(fjc(), TABLES);
    const { body, requestId } = await send<{ conveneSecurityConference: Conference }>(MANAGER, CONVENE, {
      input: input({ startsAt: '2099-01-01T10:00:00+01:00', endsAt: '2099-01-01T21:00:00Z' }),
    });
    expect(body.errors).toBeUndefined();
    const conference = body.data!.conveneSecurityConference;
    expect(conference).toMatchObject({
      id: expect.stringMatching(/^CONF-\d{6}$/), case: { id: CASE }, startsAt: '2099-01-01T09:00:00.000Z',
      endsAt: '2099-01-01T21:00:00.000Z', status: 'SCHEDULED', legalBasis: 'PROSECUTOR_PERMISSION',
      legalBasisReference: 'PK/2026/00123', convenedBy: 'fjc-cm-1', closedAt: null, closedBy: null,
      participants: [
        { staffId: 'fjc-cm-1', agency: 'fjc' }, { staffId: 'police-staff-1', agency: 'police' }, { staffId: 'probation-staff-2', agency: 'probation' },
      ],
    });
    expect(countRows(fjc(), TABLES)).toEqual({
      ...before, conferences: before.conferences + 1, conference_participants: before.conference_participants + 3,
      mutation_log: before.mutation_log + 1,
    });
    expect(mutationLogOf(fjc(), requestId)).toEqual([
      { sub: 'fjc-cm-1', agency: 'fjc', operation: 'conveneSecurityConference', target_id: conference.id, at: expect.any(String), purpose: 'CASE_MANAGEMENT', conference_id: null, emergency_reason: null },
    ]);
  });

  it('lets a participant of another agency read the conference and its decisions, under its legal basis', async () => {
    const conference = await convene();
    const action = await send<{ recordCaseAction: { id: string } }>(MANAGER, RECORD_ACTION, {
      input: { caseId: CASE, conferenceId: conference.id, kind: 'DECISION', description: 'Police patrol passes the home daily.',
        responsibleAgency: 'police', dueDate: hoursFromNow(24 * 7).slice(0, 10) },
    });
    expect(action.body.errors).toBeUndefined();
    const { body } = await send<{ securityConference: Conference & { actions: unknown[] } }>(
      POLICE_PARTICIPANT,
      /* GraphQL */ `query ($id: ID!) { securityConference(id: $id) { ${CONFERENCE_FIELDS} actions { description responsibleAgency } } }`,
      { id: conference.id }, { 'x-conference-id': conference.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.securityConference).toMatchObject({
      id: conference.id, status: 'OPEN', participants: PARTICIPANTS,
      actions: [{ description: 'Police patrol passes the home daily.', responsibleAgency: 'police' }],
    });
    const mine = await send<{ myConferences: { id: string }[] }>(POLICE_PARTICIPANT, '{ myConferences { id } }', {});
    expect(mine.body.data!.myConferences.map((c) => c.id)).toContain(conference.id);
  });

  it.each([
    ['staff of a participating agency who are not registered', { sub: 'police-staff-9', agency: 'police', roles: ['AGENCY_STAFF'] }],
    ['a registered staff id presented by another agency', { sub: 'police-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] }],
  ] as [string, DevTokenClaims][])('refuses the conference to %s', async (_name, claims) => {
    const conference = await convene();
    const { body } = await send<{ securityConference: unknown }>(claims, READ, { id: conference.id }, { 'x-conference-id': conference.id });
    expect(body.data?.securityConference ?? null).toBeNull();
    // Claiming the conference as a basis is refused before anything is read (INVALID_BASIS).
    expect(codesOf(body.errors)).toEqual(['INVALID_BASIS']);
    expect(basesUnder(conference.id, claims)).toEqual([null, null]);
    const mine = await send<{ myConferences: { id: string }[] }>(claims, '{ myConferences { id } }', {});
    expect(mine.body.data!.myConferences.map((c) => c.id)).not.toContain(conference.id);
  });

  it('refuses an unknown conference to other agencies exactly as one they do not take part in', async () => {
    const { body } = await send(POLICE_PARTICIPANT, READ, { id: 'CONF-999999' });
    expect(codesOf(body.errors)).toEqual(['FORBIDDEN']);
  });

  it('closes a conference, and its legal basis ends on the very next request', async () => {
    const conference = await convene();
    expect(basesUnder(conference.id, POLICE_PARTICIPANT)).toEqual([conference.id, null]);
    const { body, requestId } = await send<{ closeSecurityConference: Conference }>(MANAGER, CLOSE, { id: conference.id });
    expect(body.errors).toBeUndefined();
    expect(body.data!.closeSecurityConference).toMatchObject({ id: conference.id, status: 'CLOSED', closedBy: 'fjc-cm-1', closedAt: expect.any(String) });
    expect(mutationLogOf(fjc(), requestId)).toEqual([expect.objectContaining({ operation: 'closeSecurityConference', target_id: conference.id })]);
    expect(basesUnder(conference.id, POLICE_PARTICIPANT)).toEqual([null, null]);
    const read = await send<{ securityConference: Conference }>(DESK, READ, { id: conference.id });
    expect(read.body.data!.securityConference.status).toBe('CLOSED');
    // A participant keeps access to a conference they took part in, and its basis is gone all the same.
    const participant = await send<{ securityConference: { id: string } }>(POLICE_PARTICIPANT, 'query ($id: ID!) { securityConference(id: $id) { id } }', { id: conference.id });
    expect(participant.body).toEqual({ data: { securityConference: { id: conference.id } } });
    const again = await send(MANAGER, CLOSE, { id: conference.id });
    expect(again.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('lists a case\'s conferences for FJC staff, newest first', async () => {
    const later = await convene({ startsAt: hoursFromNow(3), endsAt: hoursFromNow(4) });
    const { body } = await send<{ case: { conferences: { id: string }[] } }>(
      DESK, /* GraphQL */ `query ($id: ID!) { case(id: $id) { conferences { id } } }`, { id: CASE });
    expect(body.errors).toBeUndefined();
    const ids = body.data!.case.conferences.map((c) => c.id);
    expect(ids).toContain(later.id);
    expect(ids).toEqual(
      fjc().all<{ id: string }>('SELECT id FROM conferences WHERE case_id = ? ORDER BY starts_at DESC', CASE).map((c) => c.id),
    );
  });

  it.each([
    ['the FJC front desk', DESK],
    ['a case manager of another agency', { sub: 'police-cm-1', agency: 'police', roles: ['CASE_MANAGER'] }],
    ['a participant of another agency', POLICE_PARTICIPANT],
    ['an FJC coordinator', { sub: 'fjc-coord-1', agency: 'fjc', roles: ['COORDINATOR'] }],
  ] as [string, DevTokenClaims][])('refuses to let %s convene or close a conference or record a decision, and writes nothing', async (_name, claims) => {
    const open = await convene();
    const before = countRows(fjc(), TABLES);
    const convened = await send(claims, CONVENE, { input: input() });
    expect(codesOf(convened.body.errors)).toEqual(['FORBIDDEN']);
    const closed = await send(claims, CLOSE, { id: open.id });
    expect(codesOf(closed.body.errors)).toEqual(['FORBIDDEN']);
    const decided = await send(claims, RECORD_ACTION, {
      input: { caseId: CASE, kind: 'DECISION', description: 'x', responsibleAgency: 'police', dueDate: '2099-01-01' },
    });
    expect(codesOf(decided.body.errors)).toEqual(['FORBIDDEN']);
    expect(countRows(fjc(), TABLES)).toEqual(before);
    expect(fjc().get('SELECT closed_at FROM conferences WHERE id = ?', open.id)).toEqual({ closed_at: null });
  });

  it.each([
    ['an unknown case', { caseId: 'CASE-999999' }, 'input.caseId'],
    ['a window over 12 hours', { startsAt: hoursFromNow(1), endsAt: hoursFromNow(13.01) }, 'input.endsAt'],
    ['a window that ends before it starts', { startsAt: hoursFromNow(2), endsAt: hoursFromNow(1) }, 'input.endsAt'],
    ['a window that lies in the past', { startsAt: hoursFromNow(-3), endsAt: hoursFromNow(-1) }, 'input.endsAt'],
    ['a start that is no date-time', { startsAt: 'tomorrow morning' }, 'input.startsAt'],
    ['an unknown legal basis', { legalBasis: 'GOOD_INTENTIONS' }, 'input.legalBasis'],
    ['an empty legal basis reference', { legalBasisReference: '' }, 'input.legalBasisReference'],
    ['no participants', { participants: [] }, 'input.participants'],
    ['a participant twice', { participants: [PARTICIPANTS[1], PARTICIPANTS[1]] }, 'input.participants'],
    ['a participant of an unknown agency', { participants: [{ staffId: 'x-1', agency: 'nsa' }] }, 'input.participants[0].agency'],
    ['an empty staff id', { participants: [{ staffId: ' ', agency: 'police' }] }, 'input.participants[0].staffId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_name, change, field) => {
    const before = countRows(fjc(), TABLES);
    const { body } = await send(MANAGER, CONVENE, { input: input(change) });
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].message).toContain(field);
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it('refuses a conference for a closed case, and closing an unknown one', async () => {
    const opened = await send<{ openCase: { id: string } }>(MANAGER, /* GraphQL */ `
      mutation { openCase(input: { members: [{ clientId: "${FIXTURE_CLIENTS.knownToNone}", role: VICTIM }] }) { id } }`, {});
    const caseId = opened.body.data!.openCase.id;
    expect((await send(MANAGER, 'mutation ($id: ID!) { closeCase(id: $id) { id } }', { id: caseId })).body.errors).toBeUndefined();
    const before = countRows(fjc(), TABLES);
    const { body } = await send(MANAGER, CONVENE, { input: input({ caseId }) });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseId' });
    expect(body.errors![0].message).toBe('Invalid input.caseId: the case is closed.');
    const unknown = await send(MANAGER, CLOSE, { id: 'CONF-999999' });
    expect(unknown.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });
});
