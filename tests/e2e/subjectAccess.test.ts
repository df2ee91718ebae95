import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { AGENCIES, FILE_FIELDS, type AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { hoursFromNow } from '../helpers/fjcRecords';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const ROOT = path.resolve(__dirname, '../..');
const CLIENT = FIXTURE_CLIENTS.knownToAll;
const DISCLOSURE = /* GraphQL */ `
  fragment D on Disclosure {
    agency time clientId purpose viewerAgency viewerRoles viewerSub viewerName bases { category basis } categories
    denied { category code } fields conferenceId emergencyReason requestId reviewRequired reviews { seq justified note reviewerSub }
  }`;
const LISTS = AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { ...D }`).join(' ');
/** The agencies this test's requests reach: every other agency's log must stay empty. */
const ASKED: readonly AgencyId[] = ['fjc', 'police', 'mental-health'];
const UNASKED = AGENCIES.filter((agency) => !ASKED.includes(agency));
const REPORT = /* GraphQL */ `query ($id: ID!) { disclosureReport(clientId: $id) { ${LISTS} } } ${DISCLOSURE}`;
const CLIENT_VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) { disclosures { ${LISTS} } } } ${DISCLOSURE}`;
const QUEUE = /* GraphQL */ `{ disclosureReview { fjc { seq agency emergencyReason } police { seq agency emergencyReason } housing { seq } } }`;

type Lists = Record<string, Record<string, unknown>[] | null>;

describe('subject access: every agency\'s disclosures of a client, assembled through the federation', () => {
  let stack: TestStack;
  let caseManager: DevTokenClaims;
  const auditor: DevTokenClaims = { sub: 'audit-1', name: 'Ada Auditor', agency: 'fjc', roles: ['AUDITOR'] };
  const officer: DevTokenClaims = { sub: 'police-staff-1', name: 'Officer One', agency: 'police', roles: ['AGENCY_STAFF'] };
  const housing: DevTokenClaims = { sub: 'housing-staff-1', name: 'Hana Housing', agency: 'housing', roles: ['AGENCY_STAFF'] };
  const probation: DevTokenClaims = { sub: 'probation-staff-1', name: 'Piet Probation', agency: 'probation', roles: ['AGENCY_STAFF'] };
  const ask = async (claims: DevTokenClaims, query: string, purpose: string, extra: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {}) =>
    postGraphQL<Record<string, unknown>>(stack.gatewayUrl, query, { token: await stack.token(claims), purpose, ...extra });
  const list = (agency: AgencyId) => stack.subgraphs[agency].runtime.disclosureLog.list(CLIENT);

  beforeAll(async () => {
    stack = await startStack({ clients: 60 });
    const managed = stack.subgraphs.fjc.store.get<{ case_manager: string }>(
      "SELECT c.case_manager FROM cases c JOIN case_members m ON m.case_id = c.id WHERE m.client_id = ? AND c.status = 'OPEN'",
      CLIENT,
    )!;
    caseManager = { sub: managed.case_manager, name: 'Cas Manager', agency: 'fjc', roles: ['CASE_MANAGER'] };

    // The sequence: a police officer reads his own file; the case manager, with consent, reads health;
    // housing breaks the glass; probation is refused police justice records.
    await ask(officer, `query ($id: ID!) { client(id: $id) { police { involved interventions { kind } } } }`, 'CASE_MANAGEMENT', { variables: { id: CLIENT }, headers: { 'x-request-id': 'sar-officer' } });
    const consent = await ask(caseManager, /* GraphQL */ `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, 'CASE_MANAGEMENT', {
      variables: { input: { clientId: CLIENT, granteeAgency: 'fjc', categories: ['HEALTH'], purposes: ['CASE_MANAGEMENT'], validFrom: hoursFromNow(-1), validUntil: hoursFromNow(24), evidenceReference: 'FORM-SAR-1' } },
    });
    expect(consent.body.errors).toBeUndefined();
    await ask(caseManager, `query ($id: ID!) { client(id: $id) { displayName mentalHealth { involved } } }`, 'CASE_MANAGEMENT', { variables: { id: CLIENT }, headers: { 'x-request-id': 'sar-manager' } });
    await ask(housing, `query ($id: ID!) { client(id: $id) { displayName police { involved riskAssessments { level } } } }`, 'EMERGENCY', {
      variables: { id: CLIENT }, headers: { 'x-request-id': 'sar-emergency', 'x-emergency-reason': 'Neighbour reports a knife threat' },
    });
    const refused = await ask(probation, `query ($id: ID!) { client(id: $id) { police { interventions { kind } } } }`, 'CASE_MANAGEMENT', { variables: { id: CLIENT }, headers: { 'x-request-id': 'sar-probation' } });
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);
  });
  afterAll(() => stack.stop());

  it('writes exactly the expected records, each in the log of the agency that holds the data', () => {
    const pick = (agency: AgencyId) => list(agency).map((r) => ({ requestId: r.requestId, sub: r.viewer.sub, purpose: r.purpose, granted: r.granted, denied: r.denied, reviewRequired: r.reviewRequired }));
    expect(pick('fjc')).toEqual([
      { requestId: 'sar-manager', sub: caseManager.sub, purpose: 'CASE_MANAGEMENT', granted: { IDENTITY: 'OWN_RECORD' }, denied: {}, reviewRequired: false },
      { requestId: 'sar-emergency', sub: 'housing-staff-1', purpose: 'EMERGENCY', granted: { IDENTITY: 'EMERGENCY' }, denied: {}, reviewRequired: true },
    ]);
    expect(pick('police')).toEqual([
      { requestId: 'sar-officer', sub: 'police-staff-1', purpose: 'CASE_MANAGEMENT', granted: { INVOLVEMENT: 'OWN_RECORD', JUSTICE: 'OWN_RECORD' }, denied: {}, reviewRequired: false },
      { requestId: 'sar-emergency', sub: 'housing-staff-1', purpose: 'EMERGENCY', granted: { INVOLVEMENT: 'EMERGENCY', SAFETY: 'EMERGENCY' }, denied: {}, reviewRequired: true },
      { requestId: 'sar-probation', sub: 'probation-staff-1', purpose: 'CASE_MANAGEMENT', granted: {}, denied: { JUSTICE: 'CONSENT_REQUIRED' }, reviewRequired: false },
    ]);
    expect(pick('mental-health')).toEqual([
      { requestId: 'sar-manager', sub: caseManager.sub, purpose: 'CASE_MANAGEMENT', granted: { HEALTH: 'CONSENT' }, denied: {}, reviewRequired: false },
    ]);
    for (const agency of UNASKED) expect(list(agency)).toEqual([]);
  });

  it('lists every record for the auditor, with staff identity, emergency reasons and refusals', async () => {
    const { body } = await ask(auditor, REPORT, 'AUDIT', { variables: { id: CLIENT } });
    expect(body.errors).toBeUndefined();
    const report = body.data!.disclosureReport as Lists;
    expect(report.police).toEqual([
      expect.objectContaining({ viewerSub: 'police-staff-1', viewerName: 'Officer One', requestId: 'sar-officer', categories: ['INVOLVEMENT', 'JUSTICE'], denied: [] }),
      expect.objectContaining({
        agency: 'police', viewerAgency: 'housing', viewerRoles: ['AGENCY_STAFF'], viewerSub: 'housing-staff-1', purpose: 'EMERGENCY',
        bases: [{ category: 'INVOLVEMENT', basis: 'EMERGENCY' }, { category: 'SAFETY', basis: 'EMERGENCY' }],
        emergencyReason: 'Neighbour reports a knife threat', reviewRequired: true, reviews: [],
        fields: ['PoliceFile.involved', 'PoliceFile.riskAssessments'],
      }),
      expect.objectContaining({ viewerSub: 'probation-staff-1', categories: [], bases: [], denied: [{ category: 'JUSTICE', code: 'CONSENT_REQUIRED' }] }),
    ]);
    expect(report.fjc).toHaveLength(2);
    expect(report.mentalHealth).toEqual([expect.objectContaining({ viewerSub: caseManager.sub, bases: [{ category: 'HEALTH', basis: 'CONSENT' }] })]);
    expect(UNASKED.map((agency) => report[FILE_FIELDS[agency]!])).toEqual(UNASKED.map(() => []));
  });

  it('lists what was disclosed for the client\'s case manager, without staff identity or refusals', async () => {
    const { body } = await ask(caseManager, CLIENT_VIEW, 'CASE_MANAGEMENT', { variables: { id: CLIENT } });
    expect(body.errors).toBeUndefined();
    const report = (body.data!.client as { disclosures: Lists }).disclosures;
    expect(report.police).toEqual([
      expect.objectContaining({ viewerAgency: 'police', viewerRoles: ['AGENCY_STAFF'], categories: ['INVOLVEMENT', 'JUSTICE'] }),
      expect.objectContaining({ viewerAgency: 'housing', purpose: 'EMERGENCY', categories: ['INVOLVEMENT', 'SAFETY'], reviewRequired: true }),
    ]);
    for (const disclosure of Object.values(report).flatMap((l) => l ?? [])) {
      expect(disclosure).toMatchObject({ viewerSub: null, viewerName: null, emergencyReason: null, requestId: null, denied: null, fields: null, reviews: null });
    }
    expect(JSON.stringify(report)).not.toMatch(/staff-1|Officer One|knife/);
  });

  it('refuses everyone else, and reading the report discloses nothing new', async () => {
    const before = Object.fromEntries((['fjc', 'police', 'mental-health'] as const).map((a) => [a, list(a).length]));
    const otherManager: DevTokenClaims = { sub: 'fjc-staff-999', agency: 'fjc', roles: ['CASE_MANAGER'] };
    const frontDesk: DevTokenClaims = { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] };
    for (const [claims, purpose] of [[otherManager, 'CASE_MANAGEMENT'], [frontDesk, 'CASE_MANAGEMENT'], [officer, 'CASE_MANAGEMENT'], [auditor, 'CASE_MANAGEMENT']] as const) {
      const { body } = await ask(claims, REPORT, purpose, { variables: { id: CLIENT } });
      expect(body).toEqual({ data: { disclosureReport: null }, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })] });
    }
    // Not even under a conference: one that does not hold is refused before anything is read.
    const { body } = await ask(caseManager, REPORT, 'SECURITY_CONFERENCE', { variables: { id: CLIENT }, headers: { 'x-conference-id': 'CONF-000000' } });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_BASIS']);
    expect(Object.fromEntries((['fjc', 'police', 'mental-health'] as const).map((a) => [a, list(a).length]))).toEqual(before);
  });

  it('is decided by each agency itself, so a router that forwards anything gets nothing more', async () => {
    const ENTITY = /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on DisclosureReport { police { seq viewerSub } } } }`;
    const direct = async (claims: DevTokenClaims, purpose: string, auditAccess?: string) =>
      (await postGraphQL<{ _entities: { police: unknown[] | null }[] }>(stack.subgraphs.police.url, ENTITY, {
        token: await stack.token(claims), purpose, variables: { r: [{ __typename: 'DisclosureReport', clientId: CLIENT, auditAccess }] },
      })).body;
    const forged = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect((await direct(caseManager, 'CASE_MANAGEMENT', forged)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await direct(caseManager, 'CASE_MANAGEMENT')).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The FJC's own token, minted for the case manager, is no key for anyone else.
    const minted = await postGraphQL<{ disclosureReport: { auditAccess: string } }>(stack.subgraphs.fjc.url, /* GraphQL */ `query ($id: ID!) { disclosureReport(clientId: $id) { auditAccess } }`, {
      token: await stack.token(caseManager), purpose: 'CASE_MANAGEMENT', variables: { id: CLIENT },
    });
    const token = minted.body.data!.disclosureReport.auditAccess;
    expect((await direct(caseManager, 'CASE_MANAGEMENT', token)).data?._entities[0]?.police).toHaveLength(2);
    expect((await direct({ ...caseManager, sub: 'fjc-staff-999' }, 'CASE_MANAGEMENT', token)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The auditor sees every record, the FJC's own reads of this log (audit reads across agencies) included.
    const recorded = list('police').length;
    expect((await direct(auditor, 'AUDIT')).data?._entities[0]?.police).toHaveLength(recorded);
  });

  it('renders the printable report for the client, and refuses it to others', async () => {
    const get = async (claims: DevTokenClaims | null, purpose = 'CASE_MANAGEMENT') =>
      fetch(stack.gatewayUrl.replace(/graphql$/, `clients/${CLIENT}/disclosure-report.txt`), {
        headers: { ...(claims ? { authorization: `Bearer ${await stack.token(claims)}` } : {}), 'x-purpose-of-use': purpose },
      });
    const response = await get(caseManager);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toContain(`Client: ${CLIENT}`);
    expect(text).toMatch(/Police zone\n {2}\S+ \S+ UTC: shown to Police zone \(agency staff\), for case management\n {6}- that the agency knows you: on the basis of the agency's own record\n {6}- justice records/);
    expect(text).toContain('shown to Housing service (agency staff), for an emergency');
    expect(text).toContain('- health care: on the basis of your consent');
    expect(text).toContain('End of report.');
    expect(text).not.toMatch(/staff-1|Officer One|knife|probation-staff|CONSENT_REQUIRED/);
    expect((await get(auditor, 'AUDIT')).status).toBe(200);
    // An agency that cannot answer is named: an incomplete report never reads as a complete one.
    await stack.subgraphs['mental-health'].kill();
    const partial = await (await get(caseManager)).text();
    await stack.subgraphs['mental-health'].restart();
    expect(partial).toContain('Centre for mental health\n  NOT INCLUDED: this agency did not answer.');
    expect(partial).toContain('This report is INCOMPLETE');
    // One that answers with an error is named as such, not as absent.
    const housingLog = stack.subgraphs.housing.runtime.disclosureLog;
    const list = housingLog.list;
    housingLog.list = () => {
      throw new Error('disk I/O error');
    };
    const failing = await (await get(caseManager)).text();
    housingLog.list = list;
    expect(failing).toContain('Housing service\n  NOT INCLUDED: this agency answered with an error.');
    expect((await get({ sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] })).status).toBe(403);
    expect((await get(null)).status).toBe(401);
  });

  it('queues break-the-glass records for the auditor; a review is a new record and the chains still verify', async () => {
    const queued = (await ask(auditor, QUEUE, 'AUDIT')).body.data!.disclosureReview as Lists;
    expect(queued.police).toEqual([expect.objectContaining({ agency: 'police', emergencyReason: 'Neighbour reports a knife threat' })]);
    expect(queued.fjc).toHaveLength(1);
    expect(queued.housing).toEqual([]);
    const seq = queued.police![0]!.seq as number;
    const original = stack.subgraphs.police.runtime.disclosureLog.list(CLIENT).find((r) => r.seq === seq)!;

    const REVIEW = /* GraphQL */ `mutation ($seq: Int!) { reviewPoliceDisclosure(seq: $seq, justified: true, note: "Threat confirmed by the prosecutor's office") { agency seq justified note reviewerSub } }`;
    expect((await ask(officer, REVIEW, 'CASE_MANAGEMENT', { variables: { seq } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ask(auditor, REVIEW, 'AUDIT', { variables: { seq: original.seq - 1 } })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reviewed = await ask(auditor, REVIEW, 'AUDIT', { variables: { seq } });
    expect(reviewed.body).toEqual({ data: { reviewPoliceDisclosure: { agency: 'police', seq, justified: true, note: "Threat confirmed by the prosecutor's office", reviewerSub: 'audit-1' } } });

    const after = (await ask(auditor, QUEUE, 'AUDIT')).body.data!.disclosureReview as Lists;
    expect(after.police).toEqual([]);
    expect(after.fjc).toEqual(queued.fjc);
    expect(stack.subgraphs.police.runtime.disclosureLog.list(CLIENT).find((r) => r.seq === seq)).toEqual(original);
    const report = (await ask(auditor, REPORT, 'AUDIT', { variables: { id: CLIENT } })).body.data!.disclosureReport as Lists;
    expect(report.police![1]!.reviews).toEqual([{ seq, justified: true, note: "Threat confirmed by the prosecutor's office", reviewerSub: 'audit-1' }]);

    for (const agency of ['fjc', 'police', 'mental-health'] as const) {
      expect(await stack.subgraphs[agency].runtime.disclosureLog.verify()).toMatchObject({ ok: true, reviews: agency === 'police' ? 1 : 0 });
    }
    const verify = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/auditVerify.ts', '--data-dir', stack.dataDir], { cwd: ROOT, encoding: 'utf8' });
    expect(verify.status).toBe(0);
    const policeRecords = stack.subgraphs.police.oneroof.sqlite.get<{ n: number }>('SELECT count(*) AS n FROM disclosure_log')!.n;
    expect(verify.stdout).toMatch(new RegExp(`^police +${policeRecords} records, 1 review checked: OK$`, 'm'));
  });
});
