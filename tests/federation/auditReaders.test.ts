import type { AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * Who reads disclosure logs: an agency's auditor reads its own agency's log; reading across
 * agencies is the FJC's data-protection role (its auditor), and each such read is recorded, hash
 * chained, in the log that was read.
 */
const CLIENT = FIXTURE_CLIENTS.knownToAll;
const POLICE_AUDITOR: DevTokenClaims = { sub: 'police-audit-1', agency: 'police', roles: ['AUDITOR'] };
const FJC_AUDITOR: DevTokenClaims = { sub: 'fjc-audit-1', agency: 'fjc', roles: ['AUDITOR'] };
const HOUSING: DevTokenClaims = { sub: 'housing-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] };
const REPORT = /* GraphQL */ `query ($id: ID!) { disclosureReport(clientId: $id) { fjc { seq } police { seq viewerSub } housing { seq } } }`;
const QUEUE = /* GraphQL */ `{ disclosureReview { police { seq } housing { seq } } }`;

describe('reading disclosure logs', () => {
  let federation: InProcessFederation;
  const ask = async (claims: DevTokenClaims, query: string, purpose: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    federation.post<Record<string, Record<string, unknown> | null>>(query, { token: await federation.token(claims), purpose, variables, headers });
  const log = (agency: AgencyId) => federation.subgraphs[agency].runtime.disclosureLog;
  const codesAt = (errors: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined) =>
    (errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();

  beforeAll(async () => {
    federation = await startInProcess({ clients: 20 });
    // Records to read: housing breaks the glass on the client (police and FJC records, flagged for review).
    const emergency = await ask(HOUSING, `{ client(id: "${CLIENT}") { displayName police { involved barringOrders { id } } housing { involved } } }`, 'EMERGENCY', {}, {
      'x-emergency-reason': 'Neighbour reports a knife threat tonight',
    });
    expect(emergency.body.errors).toBeUndefined();
  });
  afterAll(() => federation.stop());

  it('lets an agency\'s auditor read its own agency\'s records of a client, and no other agency\'s', async () => {
    const { body } = await ask(POLICE_AUDITOR, REPORT, 'AUDIT', { id: CLIENT });
    const report = body.data!.disclosureReport as Record<string, { seq: number; viewerSub: string }[] | null>;
    expect(report.police!.map((r) => r.viewerSub)).toEqual(log('police').list(CLIENT).map((r) => r.viewer.sub));
    expect(report.police!.length).toBeGreaterThan(0);
    expect([report.fjc, report.housing]).toEqual([null, null]);
    expect(codesAt(body.errors)).toEqual([['disclosureReport.fjc', 'FORBIDDEN'], ['disclosureReport.housing', 'FORBIDDEN']]);
  });

  it('lets an agency\'s auditor read and review its own review queue, and not another agency\'s', async () => {
    const queue = await ask(POLICE_AUDITOR, QUEUE, 'AUDIT');
    const lists = queue.body.data!.disclosureReview as Record<string, { seq: number }[] | null>;
    expect(lists.police!.length).toBeGreaterThan(0);
    expect(lists.housing).toBeNull();
    expect(codesAt(queue.body.errors)).toEqual([['disclosureReview.housing', 'FORBIDDEN']]);
    const seq = log('fjc').pendingReview()[0]!.seq;
    const review = await ask(POLICE_AUDITOR, `mutation ($seq: Int!) { reviewFjcDisclosure(seq: $seq, justified: true, note: "Looked at it.") { id } }`, 'AUDIT', { seq });
    expect(codesAt(review.body.errors)).toEqual([['reviewFjcDisclosure', 'FORBIDDEN']]);
    expect(log('fjc').pendingReview().map((r) => r.seq)).toContain(seq);
  });

  it('does not record an agency\'s auditor reading its own log', async () => {
    const before = log('police').list(CLIENT).length;
    await ask(POLICE_AUDITOR, REPORT, 'AUDIT', { id: CLIENT });
    expect(log('police').list(CLIENT)).toHaveLength(before);
  });

  it('lets the FJC\'s auditor read every agency\'s records, and records each read in the log that was read, hash chained', async () => {
    const before = { police: log('police').list(CLIENT).length, housing: log('housing').list(CLIENT).length, fjc: log('fjc').list(CLIENT).length };
    const { body } = await ask(FJC_AUDITOR, REPORT, 'AUDIT', { id: CLIENT }, { 'x-request-id': 'dpo-read-1' });
    expect(body.errors).toBeUndefined();
    const report = body.data!.disclosureReport as Record<string, unknown[]>;
    expect(report.police).toHaveLength(before.police);
    for (const [agency, field] of [['police', 'police'], ['housing', 'housing']] as const) {
      const records = log(agency).list(CLIENT);
      expect(records).toHaveLength(before[agency] + 1);
      const read = records[records.length - 1]!;
      expect({ requestId: read.requestId, viewer: read.viewer.sub, agency: read.viewer.agency, purpose: read.purpose, granted: read.granted, fields: read.fields })
        .toEqual({ requestId: 'dpo-read-1', viewer: 'fjc-audit-1', agency: 'fjc', purpose: 'AUDIT', granted: {}, fields: [`DisclosureReport.${field}`] });
      await expect(log(agency).verify()).resolves.toMatchObject({ ok: true });
    }
    // Its own agency's log: a read within the FJC, not across agencies.
    expect(log('fjc').list(CLIENT)).toHaveLength(before.fjc);
  });

  it('records the FJC auditor\'s read of another agency\'s review queue for each client in it', async () => {
    const pending = log('police').pendingReview();
    const clients = [...new Set(pending.map((r) => r.clientId))];
    const before = new Map(clients.map((c) => [c, log('police').list(c).length]));
    const queue = await ask(FJC_AUDITOR, QUEUE, 'AUDIT', {}, { 'x-request-id': 'dpo-queue-1' });
    expect(queue.body.errors).toBeUndefined();
    for (const clientId of clients) {
      const records = log('police').list(clientId);
      expect(records).toHaveLength(before.get(clientId)! + 1);
      expect(records[records.length - 1]!.fields).toEqual(['DisclosureReviewQueue.police']);
    }
  });
});
