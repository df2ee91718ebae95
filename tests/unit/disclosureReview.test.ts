import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { auditKeyFile, loadCheckpointSigner } from '../../lib/kit/disclosure/checkpoint';
import { openDisclosureLog, type DisclosureLog } from '../../lib/kit/disclosure/disclosureLog';
import { hashOfRow, type DisclosureRow } from '../../lib/kit/disclosure/record';
import { hashOfReview, NotReviewableError, type ReviewRow } from '../../lib/kit/disclosure/review';
import type { Basis } from '../../lib/policy/decide';
import { openSqliteStore, type SqliteStore } from '../../lib/kit/store/sqlite';
import type { ClientLedger } from '../../lib/policy/access';
import { oneroofStoreFile } from '../../lib/kit/store/oneroofStore';
import type { Category, RequestContext } from '../../lib/viewer';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const GENESIS = '0'.repeat(64);

const emergency: RequestContext = {
  viewer: { sub: 'housing-4', name: 'Hana Peeters', agency: 'housing', roles: ['AGENCY_STAFF'] },
  purpose: 'EMERGENCY', emergencyReason: 'threat reported by a neighbour', requestId: 'req-e', token: 'not-logged',
};
const reviewer: RequestContext = {
  viewer: { sub: 'audit-1', name: 'Ada Auditor', agency: 'fjc', roles: ['AUDITOR'] }, purpose: 'AUDIT', requestId: 'req-r', token: 'not-logged',
};
const ledger = (client: string, basis: Basis, category: Category = 'SAFETY'): Map<string, ClientLedger> =>
  new Map([[client, { granted: new Map([[category, basis]]), denied: new Map(), fields: new Set(['PoliceFile.risk']) }]]);
const withoutTriggers = (db: Database.Database, triggers: string[], work: () => void) => {
  // What someone with write access to the file can do: the chains, not the triggers, must catch it.
  const sql = triggers.map((t) => (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t) as { sql: string }).sql);
  for (const t of triggers) db.exec(`DROP TRIGGER ${t}`);
  work();
  for (const s of sql) db.exec(s);
};

describe('break-the-glass reviews', () => {
  let dir: string;
  let store: SqliteStore;
  let clock: number;
  let log: DisclosureLog;
  const reviewRow = (id: number) => store.db.prepare('SELECT * FROM disclosure_review WHERE id = ?').get(id) as ReviewRow;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-review-'));
    store = openSqliteStore(oneroofStoreFile(dir, 'police'), []);
    clock = T0;
    log = openDisclosureLog(store.db, 'police', { now: () => new Date(clock) });
    log.sink(emergency, 'police', ledger('FJC-000001', 'EMERGENCY')); // seq 1, flagged
    log.sink({ ...emergency, purpose: 'CASE_MANAGEMENT', requestId: 'req-c' }, 'police', ledger('FJC-000001', 'OWN_RECORD')); // seq 2
    log.sink({ ...emergency, requestId: 'req-e2' }, 'police', ledger('FJC-000002', 'EMERGENCY', 'IDENTITY')); // seq 3, flagged
    clock += DAY;
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds a verdict as a new, chained record bound to the record it judges, which stays unchanged', async () => {
    const before = log.list('FJC-000001');
    expect(log.pendingReview().map((r) => r.seq)).toEqual([1, 3]);
    const review = log.review(1, { justified: false, note: '  No imminent danger was documented. ' }, reviewer);
    expect(review).toEqual({
      id: 1, seq: 1, recordHash: before[0]!.hash, justified: false, note: 'No imminent danger was documented.',
      reviewer: { sub: 'audit-1', name: 'Ada Auditor', agency: 'fjc' }, at: '2026-03-02T09:00:00.000Z', requestId: 'req-r', hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(reviewRow(1).prev_hash).toBe(GENESIS);
    expect(log.list('FJC-000001')).toEqual(before);
    expect(log.pendingReview().map((r) => r.seq)).toEqual([3]);
    expect(log.reviewQueue().map((r) => r.seq)).toEqual([1, 3]);
    const second = log.review(1, { justified: true, note: 'Second opinion: the threat was confirmed.' }, reviewer);
    expect(reviewRow(2).prev_hash).toBe(reviewRow(1).hash);
    expect(log.reviewsOf([1, 2, 3])).toEqual(new Map([[1, [review, second]], [2, []], [3, []]]));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 3, reviews: 2 });
  });

  it('refuses a verdict on a record that was not break-the-glass, and an empty note', () => {
    expect(() => log.review(2, { justified: true, note: 'fine' }, reviewer)).toThrow(NotReviewableError);
    expect(() => log.review(99, { justified: true, note: 'fine' }, reviewer)).toThrow(NotReviewableError);
    expect(() => log.review(1, { justified: true, note: '   ' }, reviewer)).toThrow(RangeError);
    expect(store.db.prepare('SELECT COUNT(*) FROM disclosure_review').pluck().get()).toBe(0);
  });

  it('refuses raw updates, deletes, replacements and reviews of unflagged records in the store itself', () => {
    log.review(1, { justified: true, note: 'ok' }, reviewer);
    const row = reviewRow(1);
    const insert = (mode: string, values: ReviewRow) =>
      store.db.prepare(`INSERT ${mode} INTO disclosure_review (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values).map((c) => `@${c}`).join(', ')})`).run(values);
    expect(() => store.db.exec("UPDATE disclosure_review SET justified = 0")).toThrow(/append-only/);
    expect(() => store.db.exec('DELETE FROM disclosure_review')).toThrow(/append-only/);
    expect(() => insert('OR REPLACE', { ...row, justified: 0 })).toThrow(/grows only at its end/);
    const unflagged = { ...row, id: 2, seq: 2, prev_hash: row.hash, record_hash: log.list('FJC-000001')[1]!.hash };
    expect(() => insert('', { ...unflagged, hash: hashOfReview(unflagged) })).toThrow(/flagged disclosure record/);
  });

  it('breaks the chain when a verdict is edited behind the triggers', async () => {
    log.review(1, { justified: false, note: 'Not justified.' }, reviewer);
    log.review(3, { justified: true, note: 'Justified.' }, reviewer);
    withoutTriggers(store.db, ['disclosure_review_no_update'], () => store.db.exec("UPDATE disclosure_review SET justified = 1, note = 'Justified.' WHERE id = 1"));
    expect(await log.verify()).toMatchObject({ ok: false, reviews: 1, broken: { reason: 'HASH_MISMATCH', seq: null, reviewId: 1, detail: 'review #1: content does not match its hash' } });
  });

  it('catches a deleted verdict', async () => {
    log.review(1, { justified: false, note: 'Not justified.' }, reviewer);
    log.review(3, { justified: true, note: 'Justified.' }, reviewer);
    withoutTriggers(store.db, ['disclosure_review_no_delete'], () => store.db.exec('DELETE FROM disclosure_review WHERE id = 1'));
    expect((await log.verify()).broken).toMatchObject({ reason: 'MISSING_RECORDS', reviewId: 2, detail: 'review #2: reviews 1..1 are missing' });
  });

  it('binds a verdict to the exact record: rewriting the record with a recomputed chain breaks the review link', async () => {
    log.review(3, { justified: true, note: 'Justified.' }, reviewer);
    const forged = { ...(store.db.prepare('SELECT * FROM disclosure_log WHERE seq = 3').get() as DisclosureRow), emergency_reason: 'a better reason' };
    forged.hash = hashOfRow(forged); // the last record: its recomputed hash keeps the disclosure chain whole
    withoutTriggers(store.db, ['disclosure_log_no_update'], () => store.db.prepare('UPDATE disclosure_log SET emergency_reason = @emergency_reason, hash = @hash WHERE seq = 3').run(forged));
    expect(await log.verify()).toMatchObject({ ok: false, checked: 3, broken: { reason: 'REVIEW_UNLINKED', reviewId: 1, detail: 'review #1: record 3 differs from the one reviewed' } });
  });

  it('reports a removed review guard or table', async () => {
    store.db.exec('DROP TRIGGER disclosure_review_no_delete');
    expect((await log.verify()).broken).toMatchObject({ reason: 'GUARD_MISSING', detail: 'triggers missing: disclosure_review_no_delete' });
    store.db.exec('DROP TABLE disclosure_review');
    expect((await log.verify()).broken).toMatchObject({ reason: 'GUARD_MISSING', detail: 'log tables missing: only disclosure_checkpoint, disclosure_log, disclosure_outcome, disclosure_purge' });
  });

  it('keeps verdicts when retention purges the records they judged, and the log still verifies', async () => {
    const signer = await loadCheckpointSigner(auditKeyFile(dir, 'police'));
    log = openDisclosureLog(store.db, 'police', { now: () => new Date(clock), checkpointKeys: signer.jwks });
    log.review(1, { justified: true, note: 'Justified.' }, reviewer);
    clock += 10 * DAY;
    log.sink({ ...emergency, requestId: 'req-late' }, 'police', ledger('FJC-000003', 'EMERGENCY'));
    expect(await log.purgeBefore(new Date(T0 + 5 * DAY).toISOString(), signer)).toMatchObject({ purged: 3 });
    expect(log.reviewsOf([1]).get(1)).toHaveLength(1);
    expect(log.pendingReview().map((r) => r.seq)).toEqual([4]);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 1, reviews: 1, anchor: { seq: 3 } });
  });
});
