import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ANY_BASIS } from '../evaluate';
import { ownFieldOf } from '../sdl';
import type { ExpectedRecord, Suite } from '../suite';
import type { Viewer } from '../protocol';
import { canonicalJson } from './canonical';
import { describe } from './requests';

/** A disclosure record as the audit API serves it to an auditor. */
export interface Disclosure {
  seq: number;
  time: string;
  clientId: string | null;
  purpose: string;
  viewerAgency: string;
  viewerRoles: string[];
  viewerSub: string | null;
  viewerName: string | null;
  bases: { category: string; basis: string }[];
  categories: string[];
  denied: { category: string; code: string }[] | null;
  fields: string[] | null;
  conferenceId: string | null;
  emergencyReason: string | null;
  requestId: string | null;
  reviewRequired: boolean;
  hash: string | null;
}

const RECORD = 'seq time clientId purpose viewerAgency viewerRoles viewerSub viewerName bases { category basis } categories denied { category code } fields conferenceId emergencyReason requestId reviewRequired hash';
const REPORT = (field: string) => /* GraphQL */ `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on DisclosureReport { ${field} { ${RECORD} } } } }`;
const QUEUE = (field: string) => /* GraphQL */ `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on DisclosureReviewQueue { ${field} { seq requestId } } } }`;

/**
 * The hash a record must carry (docs/agency-protocol.md, The chain): SHA-256 over the previous hash
 * followed by the canonical JSON of the record's columns, JSON columns as canonical strings.
 */
export function recordHash(record: Disclosure, prevHash: string): string {
  const columns = {
    seq: record.seq,
    time: record.time,
    request_id: record.requestId,
    viewer_sub: record.viewerSub,
    viewer_name: record.viewerName,
    viewer_agency: record.viewerAgency,
    viewer_roles: canonicalJson([...record.viewerRoles].sort()),
    purpose: record.purpose,
    conference_id: record.conferenceId,
    emergency_reason: record.emergencyReason,
    client_id: record.clientId,
    granted: canonicalJson(Object.fromEntries(record.bases.map((b) => [b.category, b.basis]))),
    denied: canonicalJson(Object.fromEntries((record.denied ?? []).map((d) => [d.category, d.code]))),
    fields: canonicalJson([...(record.fields ?? [])].sort()),
    review_required: record.reviewRequired ? 1 : 0,
    prev_hash: prevHash,
  };
  return createHash('sha256').update(prevHash + canonicalJson(columns), 'utf8').digest('hex');
}

export async function readLog(suite: Suite, field: string, viewer: Viewer, clientId: string, auditAccess?: string) {
  const representation = { __typename: 'DisclosureReport', clientId, ...(auditAccess ? { auditAccess } : {}) };
  const answer = await suite.transport.send({ query: REPORT(field), variables: { representations: [representation] }, viewer, purpose: viewer.roles.includes('AUDITOR') ? 'AUDIT' : 'CASE_MANAGEMENT' });
  const entity = (answer.body?.data?._entities as Record<string, unknown>[] | undefined)?.[0];
  return { answer, records: (entity?.[field] ?? null) as Disclosure[] | null };
}

function checkRecord(suite: Suite, expected: ExpectedRecord, found: Disclosure[]): void {
  const mine = found.filter((r) => r.requestId === expected.requestId && r.clientId === expected.clientId);
  if (!suite.check('AP-AUD-1', `a record of "${expected.probe}"`, mine.length === 1, `${mine.length} records with request id ${expected.requestId}`)) return;
  const record = mine[0]!;
  const actual = {
    viewer: [record.viewerSub, record.viewerName, record.viewerAgency, [...record.viewerRoles].sort()],
    purpose: record.purpose,
    conferenceId: record.conferenceId,
    emergencyReason: record.emergencyReason,
    granted: Object.fromEntries(record.bases.map((b) => [b.category, b.basis])),
    fields: [...(record.fields ?? [])].sort(),
    reviewRequired: record.reviewRequired,
  };
  const want = {
    viewer: [expected.viewer.sub, expected.viewer.name, expected.viewer.agency, [...expected.viewer.roles].sort()],
    purpose: expected.purpose,
    conferenceId: expected.conferenceId,
    emergencyReason: expected.emergencyReason,
    granted: Object.fromEntries([...expected.granted].map(([category, basis]) => [category, basis === ANY_BASIS ? actual.granted[category] ?? basis : basis])),
    fields: [...expected.fields].sort(),
    reviewRequired: [...expected.granted.values()].includes('EMERGENCY'),
  };
  const differing = Object.keys(want).filter((key) => !isDeepStrictEqual(actual[key as keyof typeof actual], want[key as keyof typeof want]));
  const denied = new Map((record.denied ?? []).map((d) => [d.category, d.code]));
  const deniedOk = [...expected.denied].every(([category, code]) => denied.get(category) === code) && [...denied.keys()].every((c) => expected.mayDeny.has(c as never));
  if (!deniedOk) differing.push('denied');
  const detail = differing.map((key) => key === 'denied' ? `denied ${JSON.stringify(Object.fromEntries(denied))}, expected ${JSON.stringify(Object.fromEntries(expected.denied))}` : `${key} ${JSON.stringify(actual[key as keyof typeof actual])}, expected ${JSON.stringify(want[key as keyof typeof want])}`).join('; ');
  suite.check('AP-AUD-2', `the record of "${expected.probe}"`, differing.length === 0, detail);
  if (expected.emergencyReason !== null) {
    suite.check('AP-CTX-3', 'the emergency reason is recorded as cleaned', record.emergencyReason === expected.emergencyReason, `recorded ${JSON.stringify(record.emergencyReason)}`);
  }
  if (want.reviewRequired) suite.check('AP-AUD-8', `"${expected.probe}" is flagged for review`, record.reviewRequired);
}

/** AP-AUD-3: every record that directly follows another read back must link to it. */
function checkChain(suite: Suite, records: Disclosure[]): void {
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  let links = 0;
  for (const record of records) {
    const previous = bySeq.get(record.seq - 1);
    if (!previous?.hash) continue;
    links += 1;
    const expected = recordHash(record, previous.hash);
    suite.check('AP-AUD-3', `record ${record.seq} links to record ${previous.seq}`, record.hash === expected, `hash ${String(record.hash)}, expected ${expected}`);
  }
  if (links === 0) suite.skip('AP-AUD-3', 'no two consecutive records of the client were read back');
}

/** AP-AUD-*: the records of every release read back through the audit API, and who may read them. */
export async function checkAudit(suite: Suite): Promise<void> {
  const field = suite.sdl ? ownFieldOf(suite.sdl, 'DisclosureReport', ['clientId', 'auditAccess'])?.name.value : undefined;
  if (!field) {
    suite.check('AP-AUD-6', 'the audit list the SDL declares', false, 'no DisclosureReport list in the SDL (AP-SDL-5)');
    return;
  }
  const { own, ownAuditor, fjcAuditor, otherAuditor } = suite.viewers;
  // Read by the FJC's auditor first: that read must then be in the log the agency's auditor reads.
  const fjcRead = await readLog(suite, field, fjcAuditor, suite.client);
  suite.check('AP-AUD-6', `the FJC's auditor reads ${field}`, fjcRead.records !== null, describe(fjcRead.answer));
  const clients = [...new Set([suite.client, ...suite.records.map((r) => r.clientId)])];
  const found: Disclosure[] = [];
  for (const clientId of clients) {
    const { answer, records } = await readLog(suite, field, ownAuditor, clientId);
    if (!suite.check('AP-AUD-6', `its own auditor reads the records of ${clientId}`, records !== null, describe(answer))) continue;
    found.push(...records!);
    checkChain(suite, records!);
  }
  for (const expected of suite.records) checkRecord(suite, expected, found);
  if (!suite.hub) {
    const read = found.filter((r) => r.requestId === fjcRead.answer.requestId);
    suite.check('AP-AUD-6', "the FJC auditor's read is recorded in the log read", read.length === 1 && isDeepStrictEqual([read[0]!.fields, read[0]!.categories, read[0]!.denied], [[`DisclosureReport.${field}`], [], []]),
      `records ${JSON.stringify(read.map((r) => [r.fields, r.categories]))}`);
  }
  for (const [who, viewer] of [[`an auditor of ${otherAuditor.agency}`, otherAuditor], [`its own staff (${own.roles.join()}) for case management`, own]] as const) {
    const { answer, records } = await readLog(suite, field, viewer, suite.client);
    suite.check('AP-AUD-6', `${who} reads nothing`, records === null && answer.body?.errors?.[0]?.extensions?.code === 'FORBIDDEN', describe(answer));
  }
  const queue = await suite.transport.send({ query: QUEUE(field), variables: { representations: [{ __typename: 'DisclosureReviewQueue', scope: 'EMERGENCY' }] }, viewer: ownAuditor, purpose: 'AUDIT' });
  const pending = ((queue.body?.data?._entities as Record<string, unknown>[] | undefined)?.[0]?.[field] ?? []) as { requestId: string }[];
  const emergencies = suite.records.filter((r) => [...r.granted.values()].includes('EMERGENCY'));
  for (const expected of emergencies) {
    suite.check('AP-AUD-8', `"${expected.probe}" waits in the review queue`, pending.some((p) => p.requestId === expected.requestId), describe(queue));
  }
  if (emergencies.length === 0) suite.skip('AP-AUD-8', suite.skipped.get('AP-POL-6') ?? 'no release of the run had an EMERGENCY basis (AP-POL-6)');
  if (!suite.hub) await checkSubjectView(suite, field, found);
}

/** AP-AUD-7: the client's FJC case manager, on the FJC's audit access token, sees what was disclosed. */
async function checkSubjectView(suite: Suite, field: string, auditorView: Disclosure[]): Promise<void> {
  const { caseManager } = suite.viewers;
  const token = await suite.mint.auditAccess({ viewer: caseManager, purpose: 'CASE_MANAGEMENT', clientId: suite.client });
  const { answer, records } = await readLog(suite, field, caseManager, suite.client, token);
  const disclosed = auditorView.filter((r) => r.clientId === suite.client && r.categories.length > 0).map((r) => r.seq);
  const shown = (records ?? []).map((r) => r.seq).filter((seq) => seq <= Math.max(0, ...disclosed));
  suite.check('AP-AUD-7', 'the subject view lists exactly the records that disclosed something', records !== null && isDeepStrictEqual(shown, disclosed), `${describe(answer)}; shown ${JSON.stringify(shown)}, expected ${JSON.stringify(disclosed)}`);
  const hidden = (records ?? []).filter((r) => r.viewerSub !== null || r.viewerName !== null || r.requestId !== null || r.hash !== null || r.fields !== null || r.denied !== null || r.emergencyReason !== null);
  suite.check('AP-AUD-7', 'the subject view names no staff and shows no auditor-only field', records !== null && hidden.length === 0, `records with auditor-only fields: ${hidden.map((r) => r.seq).join(', ')}`);
  const refusals: [string, Promise<string> | undefined][] = [
    ['no audit access token', undefined],
    ['a token for another client', suite.mint.auditAccess({ viewer: caseManager, purpose: 'CASE_MANAGEMENT', clientId: suite.stranger }, { claims: { cid: suite.stranger } })],
    ['a consent assertion in its place', suite.mint.assertion({ viewer: caseManager, purpose: 'CASE_MANAGEMENT', clientId: suite.client, bases: { consent: [], conference: null, emergency: false, jointClient: true, protectedContact: false } })],
    ['a token signed with another key', suite.mint.auditAccess({ viewer: caseManager, purpose: 'CASE_MANAGEMENT', clientId: suite.client }, { foreignKey: true })],
  ];
  for (const [name, minted] of refusals) {
    const refused = await readLog(suite, field, caseManager, suite.client, minted ? await minted : undefined);
    suite.check('AP-AUD-7', `${name}: FORBIDDEN`, refused.records === null && refused.answer.body?.errors?.[0]?.extensions?.code === 'FORBIDDEN', describe(refused.answer));
  }
}
