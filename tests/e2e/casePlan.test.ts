import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS, clientId } from '../../lib/seed/world';
import { countRows, hoursFromNow, mutationLogOf, createSender } from '../helpers/fjcRecords';
import { startStack, type TestStack } from '../helpers/stack';

const CASE_FIELDS = /* GraphQL */ `id reference status openedAt closedAt caseManager members { client { id } role }`;
const OPEN = /* GraphQL */ `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { ${CASE_FIELDS} } }`;
const ADD_MEMBER = /* GraphQL */ `
  mutation Add($caseId: ID!, $clientId: ID!, $role: CaseRole!) { addCaseMember(caseId: $caseId, clientId: $clientId, role: $role) { ${CASE_FIELDS} } }
`;
const REMOVE_MEMBER = /* GraphQL */ `
  mutation Remove($caseId: ID!, $clientId: ID!) { removeCaseMember(caseId: $caseId, clientId: $clientId) { ${CASE_FIELDS} } }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($caseId: ID!, $staffId: ID!) { assignCaseManager(caseId: $caseId, staffId: $staffId) { ${CASE_FIELDS} } }
`;
const CLOSE = /* GraphQL */ `mutation Close($id: ID!) { closeCase(id: $id) { ${CASE_FIELDS} } }`;
const ADD_ITEM = /* GraphQL */ `
  mutation Item($input: AddPlanItemInput!) { addPlanItem(input: $input) { id domain description ownerAgency status dueDate createdBy updatedBy } }
`;
const ITEM_STATUS = /* GraphQL */ `
  mutation Status($id: ID!, $status: PlanItemStatus!) { updatePlanItemStatus(id: $id, status: $status) { id status updatedBy updatedAt } }
`;
const NOTE = /* GraphQL */ `mutation Note($caseId: ID!, $text: String!) { addMonitoringNote(caseId: $caseId, text: $text) { id text writtenBy } }`;
const ACTION = /* GraphQL */ `
  mutation Action($input: RecordCaseActionInput!) { recordCaseAction(input: $input) { id kind description responsibleAgency dueDate conference { id } } }
`;
const PLAN = /* GraphQL */ `
  query Plan($id: ID!) { case(id: $id) {
    planItems { id domain status } monitoringNotes { text writtenBy } actions { kind description responsibleAgency dueDate }
    memberHistory { client { id } role event by } conferences { id status }
  } }
`;

interface CaseView {
  id: string;
  reference: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  caseManager: string;
  members: { client: { id: string }; role: string }[];
}

const TABLES = ['cases', 'case_members', 'case_member_events', 'plan_items', 'monitoring_notes', 'case_actions', 'conferences', 'mutation_log'];
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-1', agency: 'fjc', roles: ['CASE_MANAGER'] };
const DESK: DevTokenClaims = { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] };
const WALK_IN = FIXTURE_CLIENTS.knownToNone;
const today = () => new Date().toISOString().slice(0, 10);
const nextWeek = () => hoursFromNow(24 * 7).slice(0, 10);

function codesOf(errors: { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return [...new Set((errors ?? []).map((e) => e.extensions?.code))];
}

describe('the CO3 case plan through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
  });
  afterAll(() => stack.stop());

  const fjc = () => stack.subgraphs.fjc.store;

  const send = createSender(() => stack, 'case-plan-test');

  async function ok<T>(query: string, variables: Record<string, unknown>, claims = MANAGER): Promise<T & { requestId: string }> {
    const { body, requestId } = await send<T>(claims, query, variables);
    expect(body.errors).toBeUndefined();
    return { ...body.data!, requestId };
  }

  async function openCase(): Promise<CaseView> {
    return (await ok<{ openCase: CaseView }>(OPEN, { input: { members: [{ clientId: WALK_IN, role: 'VICTIM' }], riskLevel: 'HIGH' } })).openCase;
  }

  it('opens a case with the viewer as case manager, and logs who, when and under which request id', async () => {
    const before = countRows(fjc(), TABLES);
    const { openCase: opened, requestId } = await ok<{ openCase: CaseView }>(OPEN, {
      input: { members: [{ clientId: WALK_IN, role: 'VICTIM' }, { clientId: clientId(5), role: 'PERPETRATOR' }] },
    });
    expect(opened).toEqual({
      id: expect.stringMatching(/^CASE-\d{6}$/), reference: expect.stringMatching(new RegExp(`^CO3/${today().slice(0, 4)}/\\d{5}$`)),
      status: 'OPEN', openedAt: today(), closedAt: null, caseManager: 'fjc-cm-1',
      members: [{ client: { id: WALK_IN }, role: 'VICTIM' }, { client: { id: clientId(5) }, role: 'PERPETRATOR' }],
    });
    expect(countRows(fjc(), TABLES)).toEqual({
      ...before, cases: before.cases + 1, case_members: before.case_members + 2, case_member_events: before.case_member_events + 2,
      mutation_log: before.mutation_log + 1,
    });
    expect(mutationLogOf(fjc(), requestId)).toEqual([
      { sub: 'fjc-cm-1', agency: 'fjc', operation: 'openCase', target_id: opened.id, at: expect.any(String), purpose: 'CASE_MANAGEMENT', conference_id: null, emergency_reason: null },
    ]);
  });

  it('adds and removes members with their role, assigns the case manager, and keeps the membership history', async () => {
    const theCase = await openCase();
    const added = await ok<{ addCaseMember: CaseView }>(ADD_MEMBER, { caseId: theCase.id, clientId: clientId(6), role: 'CHILD' });
    expect(added.addCaseMember.members).toEqual([{ client: { id: WALK_IN }, role: 'VICTIM' }, { client: { id: clientId(6) }, role: 'CHILD' }]);
    const removed = await ok<{ removeCaseMember: CaseView }>(REMOVE_MEMBER, { caseId: theCase.id, clientId: clientId(6) });
    expect(removed.removeCaseMember.members).toEqual([{ client: { id: WALK_IN }, role: 'VICTIM' }]);
    const assigned = await ok<{ assignCaseManager: CaseView }>(ASSIGN, { caseId: theCase.id, staffId: 'fjc-cm-2' });
    expect(assigned.assignCaseManager.caseManager).toBe('fjc-cm-2');
    expect(mutationLogOf(fjc(), assigned.requestId)).toEqual([expect.objectContaining({ operation: 'assignCaseManager', target_id: theCase.id })]);
    const plan = await ok<{ case: { memberHistory: unknown[] } }>(PLAN, { id: theCase.id });
    expect(plan.case.memberHistory).toEqual([
      { client: { id: WALK_IN }, role: 'VICTIM', event: 'ADDED', by: 'fjc-cm-1' },
      { client: { id: clientId(6) }, role: 'CHILD', event: 'ADDED', by: 'fjc-cm-1' },
      { client: { id: clientId(6) }, role: 'CHILD', event: 'REMOVED', by: 'fjc-cm-1' },
    ]);
  });

  it('keeps an intervention plan with safety first, each item owned by an agency, and moves items through their status', async () => {
    const theCase = await openCase();
    const housing = await ok<{ addPlanItem: { id: string } }>(ADD_ITEM, {
      input: { caseId: theCase.id, domain: 'HOUSING', description: 'Apply for social housing.', ownerAgency: 'housing', dueDate: nextWeek() },
    });
    const safety = await ok<{ addPlanItem: Record<string, unknown> }>(ADD_ITEM, {
      input: { caseId: theCase.id, domain: 'SAFETY', description: 'Safety plan with the victim.\nReview weekly.', ownerAgency: 'fjc' },
    });
    expect(safety.addPlanItem).toEqual({
      id: expect.stringMatching(/^PLAN-\d{6}$/), domain: 'SAFETY', description: 'Safety plan with the victim.\nReview weekly.',
      ownerAgency: 'fjc', status: 'PLANNED', dueDate: null, createdBy: 'fjc-cm-1', updatedBy: null,
    });
    const moved = await ok<{ updatePlanItemStatus: { status: string; updatedBy: string } }>(ITEM_STATUS, { id: housing.addPlanItem.id, status: 'DONE' });
    expect(moved.updatePlanItemStatus).toMatchObject({ status: 'DONE', updatedBy: 'fjc-cm-1' });
    expect(mutationLogOf(fjc(), moved.requestId)).toEqual([expect.objectContaining({ operation: 'updatePlanItemStatus', target_id: housing.addPlanItem.id })]);
    const plan = await ok<{ case: { planItems: { id: string; domain: string; status: string }[] } }>(PLAN, { id: theCase.id });
    expect(plan.case.planItems).toEqual([
      { id: safety.addPlanItem.id, domain: 'SAFETY', status: 'PLANNED' },
      { id: housing.addPlanItem.id, domain: 'HOUSING', status: 'DONE' },
    ]);
    const before = countRows(fjc(), TABLES);
    const final = await send(MANAGER, ITEM_STATUS, { id: housing.addPlanItem.id, status: 'IN_PROGRESS' });
    expect(final.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it('records monitoring notes and decisions with the responsible agency and due date', async () => {
    const theCase = await openCase();
    const note = await ok<{ addMonitoringNote: { text: string; writtenBy: string } }>(NOTE, { caseId: theCase.id, text: 'Home visit: calm.' });
    expect(note.addMonitoringNote).toMatchObject({ text: 'Home visit: calm.', writtenBy: 'fjc-cm-1' });
    const action = await ok<{ recordCaseAction: Record<string, unknown> }>(ACTION, {
      input: { caseId: theCase.id, kind: 'ACTION', description: 'Refer to the perpetrator programme.', responsibleAgency: 'probation', dueDate: nextWeek() },
    });
    expect(action.recordCaseAction).toEqual({
      id: expect.stringMatching(/^ACT-\d{6}$/), kind: 'ACTION', description: 'Refer to the perpetrator programme.',
      responsibleAgency: 'probation', dueDate: nextWeek(), conference: null,
    });
    const plan = await ok<{ case: { monitoringNotes: unknown[]; actions: unknown[] } }>(PLAN, { id: theCase.id });
    expect(plan.case.monitoringNotes).toEqual([{ text: 'Home visit: calm.', writtenBy: 'fjc-cm-1' }]);
    expect(plan.case.actions).toEqual([
      { kind: 'ACTION', description: 'Refer to the perpetrator programme.', responsibleAgency: 'probation', dueDate: nextWeek() },
    ]);
  });

  it('closes a case, closing its open conference with it, and refuses further changes to it', async () => {
    const theCase = await openCase();
    const convened = await ok<{ conveneSecurityConference: { id: string } }>(/* GraphQL */ `
      mutation ($caseId: ID!, $startsAt: String!, $endsAt: String!) { conveneSecurityConference(input: {
        caseId: $caseId, startsAt: $startsAt, endsAt: $endsAt, legalBasis: DECREE, legalBasisReference: "Decree art. 7",
        participants: [{ staffId: "police-staff-1", agency: "police" }] }) { id } }`,
    { caseId: theCase.id, startsAt: hoursFromNow(-0.1), endsAt: hoursFromNow(1) });
    const { closeCase: closed, requestId } = await ok<{ closeCase: CaseView }>(CLOSE, { id: theCase.id });
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: today() });
    expect(mutationLogOf(fjc(), requestId).map((r) => [r.operation, r.target_id])).toEqual([
      ['closeSecurityConference', convened.conveneSecurityConference.id],
      ['closeCase', theCase.id],
    ]);
    const plan = await ok<{ case: { conferences: { status: string }[] } }>(PLAN, { id: theCase.id });
    expect(plan.case.conferences).toEqual([{ id: convened.conveneSecurityConference.id, status: 'CLOSED' }]);
    const before = countRows(fjc(), TABLES);
    const refusals = [
      await send(MANAGER, NOTE, { caseId: theCase.id, text: 'Too late.' }),
      await send(MANAGER, ADD_MEMBER, { caseId: theCase.id, clientId: clientId(7), role: 'OTHER' }),
      await send(MANAGER, CLOSE, { id: theCase.id }),
    ];
    expect(refusals.map((r) => r.body.errors![0].message)).toEqual([
      'Invalid caseId: the case is closed.', 'Invalid caseId: the case is closed.', 'Invalid id: the case is closed.',
    ]);
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it.each([
    ['the FJC front desk', DESK],
    ['a case manager of another agency', { sub: 'police-cm-1', agency: 'police', roles: ['CASE_MANAGER'] }],
    ['staff of another agency', { sub: 'housing-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] }],
    ['an FJC auditor', { sub: 'fjc-audit-1', agency: 'fjc', roles: ['AUDITOR'] }],
  ] as [string, DevTokenClaims][])('refuses to let %s open or change a case or its plan, and writes nothing', async (_name, claims) => {
    const theCase = await openCase();
    const item = await ok<{ addPlanItem: { id: string } }>(ADD_ITEM, {
      input: { caseId: theCase.id, domain: 'WORK', description: 'Job coaching.', ownerAgency: 'fjc' },
    });
    const before = countRows(fjc(), TABLES);
    const attempts: [string, Record<string, unknown>][] = [
      [OPEN, { input: { members: [{ clientId: WALK_IN, role: 'VICTIM' }] } }],
      [CLOSE, { id: theCase.id }],
      [ADD_MEMBER, { caseId: theCase.id, clientId: clientId(8), role: 'OTHER' }],
      [REMOVE_MEMBER, { caseId: theCase.id, clientId: WALK_IN }],
      [ASSIGN, { caseId: theCase.id, staffId: claims.sub }],
      [ADD_ITEM, { input: { caseId: theCase.id, domain: 'SAFETY', description: 'x', ownerAgency: 'fjc' } }],
      [ITEM_STATUS, { id: item.addPlanItem.id, status: 'CANCELLED' }],
      [NOTE, { caseId: theCase.id, text: 'x' }],
      [ACTION, { input: { caseId: theCase.id, kind: 'ACTION', description: 'x', responsibleAgency: 'fjc', dueDate: nextWeek() } }],
    ];
    for (const [mutation, variables] of attempts) {
      const { body } = await send(claims, mutation, variables);
      expect(codesOf(body.errors)).toEqual(['FORBIDDEN']);
    }
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it('shows monitoring notes to the FJC case manager but not to the front desk', async () => {
    const theCase = await openCase();
    await ok(NOTE, { caseId: theCase.id, text: 'Noted.' });
    const query = /* GraphQL */ `query ($id: ID!) { case(id: $id) { id monitoringNotes { text } } }`;
    const manager = await ok<{ case: { monitoringNotes: unknown[] } }>(query, { id: theCase.id });
    expect(manager.case.monitoringNotes).toEqual([{ text: 'Noted.' }]);
    const { body } = await send<{ case: { monitoringNotes: unknown } }>(DESK, query, { id: theCase.id });
    expect(body.data?.case?.monitoringNotes ?? null).toBeNull();
    expect(codesOf(body.errors)).toEqual(['FORBIDDEN']);
  });

  const addItem = (change: Record<string, unknown>) => ({
    query: ADD_ITEM, variables: { input: { caseId: 'CASE-000001', domain: 'HOUSING', description: 'Find a flat.', ownerAgency: 'housing', ...change } },
  });
  it.each([
    ['an unknown member', { query: OPEN, variables: { input: { members: [{ clientId: 'FJC-999999', role: 'VICTIM' }] } } }, 'input.members[0].clientId'],
    ['a case without members', { query: OPEN, variables: { input: { members: [] } } }, 'input.members'],
    ['a member twice', { query: OPEN, variables: { input: { members: [{ clientId: WALK_IN, role: 'VICTIM' }, { clientId: WALK_IN, role: 'OTHER' }] } } }, 'input.members'],
    ['a member already in the case', { query: ADD_MEMBER, variables: { caseId: 'CASE-000001', clientId: FIXTURE_CLIENTS.victim, role: 'VICTIM' } }, 'clientId'],
    ['removing a client who is no member', { query: REMOVE_MEMBER, variables: { caseId: 'CASE-000001', clientId: WALK_IN } }, 'clientId'],
    ['an unknown case', addItem({ caseId: 'CASE-999999' }), 'input.caseId'],
    ['an unknown owner agency', addItem({ ownerAgency: 'church' }), 'input.ownerAgency'],
    ['an unknown plan domain', addItem({ domain: 'HOBBIES' }), 'input.domain'],
    ['a due date in the past', addItem({ dueDate: '2020-01-01' }), 'input.dueDate'],
    ['an empty description', addItem({ description: ' ' }), 'input.description'],
    ['a description over 2000 characters', addItem({ description: 'x'.repeat(2001) }), 'input.description'],
    ['an unknown plan item', { query: ITEM_STATUS, variables: { id: 'PLAN-999999', status: 'DONE' } }, 'id'],
    ['a note with control characters', { query: NOTE, variables: { caseId: 'CASE-000001', text: 'a\u0000b' } }, 'text'],
    ['an empty note', { query: NOTE, variables: { caseId: 'CASE-000001', text: '' } }, 'text'],
    ['an empty staff id', { query: ASSIGN, variables: { caseId: 'CASE-000001', staffId: '' } }, 'staffId'],
    ['an action for an unknown agency', { query: ACTION, variables: { input: { caseId: 'CASE-000001', kind: 'ACTION', description: 'x', responsibleAgency: 'mafia', dueDate: '2099-01-01' } } }, 'input.responsibleAgency'],
    ['an action due in the past', { query: ACTION, variables: { input: { caseId: 'CASE-000001', kind: 'ACTION', description: 'x', responsibleAgency: 'police', dueDate: '2001-01-01' } } }, 'input.dueDate'],
    ['a decision at an unknown conference', { query: ACTION, variables: { input: { caseId: 'CASE-000001', kind: 'DECISION', description: 'x', responsibleAgency: 'police', dueDate: '2099-01-01', conferenceId: 'CONF-999999' } } }, 'input.conferenceId'],
  ] as [string, { query: string; variables: Record<string, unknown> }, string][])(
    'refuses %s with BAD_USER_INPUT naming the field, and writes nothing',
    async (_name, { query, variables }, field) => {
      const before = countRows(fjc(), TABLES);
      const { body } = await send(MANAGER, query, variables);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors![0].message).toContain(field);
      expect(countRows(fjc(), TABLES)).toEqual(before);
    },
  );
});
