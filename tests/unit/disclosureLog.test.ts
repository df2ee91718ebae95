import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AGENCIES } from '../../lib/agencies';
import { auditKeyFile, loadCheckpointSigner } from '../../lib/kit/disclosure/checkpoint';
import { hashOfRow, type DisclosureRow } from '../../lib/kit/disclosure/record';
import { DisclosureLogError, openDisclosureLog, type DisclosureLog } from '../../lib/kit/disclosure/disclosureLog';
import type { Basis, DenyCode } from '../../lib/policy/decide';
import { openSqliteStore, type SqliteStore } from '../../lib/kit/store/sqlite';
import type { ClientLedger } from '../../lib/policy/access';
import { oneroofStoreFile } from '../../lib/kit/store/oneroofStore';
import { seedAll } from '../../seed/seedAll';
import type { Category, RequestContext } from '../../lib/viewer';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const GENESIS = '0'.repeat(64);
const ROOT = path.resolve(__dirname, '../..');

const conference: RequestContext = {
  viewer: { sub: 'prob-17', name: 'Ann Peeters', agency: 'probation', roles: ['CASE_MANAGER', 'AGENCY_STAFF'] },
  purpose: 'SECURITY_CONFERENCE',
  conferenceId: 'CONF-0042',
  requestId: 'req-1',
  token: 'not-logged',
};
const emergency: RequestContext = {
  viewer: { sub: 'fjc-3', name: 'Jo Maes', agency: 'fjc', roles: ['FRONT_DESK'] },
  purpose: 'EMERGENCY',
  emergencyReason: 'threat reported by a neighbour',
  requestId: 'req-2',
  token: 'not-logged',
};

type Entry = { granted?: [Category, Basis][]; denied?: [Category, DenyCode][]; fields?: string[] };
function ledger(entries: Record<string, Entry>): Map<string, ClientLedger> {
  return new Map(
    Object.entries(entries).map(([id, e]) => [id, { granted: new Map(e.granted), denied: new Map(e.denied), fields: new Set(e.fields) }]),
  );
}
const oneClient = (n: number) => ledger({ [`FJC-${String(n).padStart(6, '0')}`]: { granted: [['IDENTITY', 'OWN_RECORD']], fields: ['PoliceFile.name'] } });
const withoutTrigger = (db: Database.Database, trigger: string, work: () => void) => {
  // What an attacker with write access to the file can do: the chain, not the trigger, must catch it.
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(trigger) as { sql: string }).sql;
  db.exec(`DROP TRIGGER ${trigger}`);
  work();
  db.exec(sql);
};

describe('disclosure log', () => {
  let dir: string;
  let store: SqliteStore;
  let clock: number;
  let log: DisclosureLog;
  type Ledger = Map<string, ClientLedger>;
  const open = (options = {}) => openDisclosureLog(store.db, 'police', { now: () => new Date(clock), ...options });
  const write = (request: RequestContext, entries: Ledger, times = 1) => {
    for (let i = 0; i < times; i += 1) {
      log.sink({ ...request, requestId: `${request.requestId}.${i}` }, 'police', entries);
      clock += DAY;
    }
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-audit-'));
    store = openSqliteStore(oneroofStoreFile(dir, 'police'), []);
    clock = T0;
    log = open();
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records who saw which categories of which client, on which basis, and what was denied, without values', () => {
    log.sink(conference, 'police', ledger({
      'FJC-000001': { granted: [['SAFETY', 'CASE_CONFERENCE'], ['INVOLVEMENT', 'CASE_CONFERENCE']], denied: [['CONTACT', 'PROTECTED']], fields: ['PoliceFile.risk', 'PoliceFile.involved'] },
      'FJC-000002': { denied: [['HEALTH', 'CONSENT_REQUIRED']] },
      '': { granted: [['INVOLVEMENT', 'OWN_RECORD']], fields: ['Query.incidentCount'] },
      'FJC-000003': {},
    }));
    const [record] = log.list('FJC-000001');
    expect(record).toEqual({
      seq: 2, time: '2026-03-01T09:00:00.000Z', requestId: 'req-1',
      viewer: { sub: 'prob-17', name: 'Ann Peeters', agency: 'probation', roles: ['AGENCY_STAFF', 'CASE_MANAGER'] },
      purpose: 'SECURITY_CONFERENCE', conferenceId: 'CONF-0042', emergencyReason: null, clientId: 'FJC-000001',
      granted: { INVOLVEMENT: 'CASE_CONFERENCE', SAFETY: 'CASE_CONFERENCE' }, denied: { CONTACT: 'PROTECTED' },
      fields: ['PoliceFile.involved', 'PoliceFile.risk'], reviewRequired: false,
      prevHash: log.list(null)[0]!.hash, hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(log.list('FJC-000002').map((r) => [r.seq, r.granted, r.denied, r.fields])).toEqual([[3, {}, { HEALTH: 'CONSENT_REQUIRED' }, []]]);
    expect(log.list(null).map((r) => [r.seq, r.clientId, r.prevHash])).toEqual([[1, null, GENESIS]]);
    expect(log.list('FJC-000003')).toEqual([]);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM disclosure_log').all())).not.toContain('not-logged');
  });

  it('hashes sha256(prev_hash + JSON of every other column with sorted keys), so an auditor can recompute it', () => {
    log.sink(emergency, 'police', ledger({ 'FJC-000009': { granted: [['SAFETY', 'EMERGENCY']], fields: ['PoliceFile.risk'] } }));
    const row = store.db.prepare('SELECT * FROM disclosure_log WHERE seq = 1').get() as Record<string, unknown>;
    const canonical = JSON.stringify({
      client_id: 'FJC-000009', conference_id: null, denied: '{}', emergency_reason: 'threat reported by a neighbour', fields: '["PoliceFile.risk"]',
      granted: '{"SAFETY":"EMERGENCY"}', prev_hash: GENESIS, purpose: 'EMERGENCY', request_id: 'req-2', review_required: 1, seq: 1,
      time: '2026-03-01T09:00:00.000Z', viewer_agency: 'fjc', viewer_name: 'Jo Maes', viewer_roles: '["FRONT_DESK"]', viewer_sub: 'fjc-3',
    });
    expect(row.hash).toBe(createHash('sha256').update(GENESIS + canonical).digest('hex'));
  });

  it('flags break-the-glass disclosures for review and lists only those in the review queue', () => {
    write(conference, ledger({ 'FJC-000001': { granted: [['SAFETY', 'CASE_CONFERENCE']], fields: ['PoliceFile.risk'] } }));
    write(emergency, ledger({ 'FJC-000001': { granted: [['IDENTITY', 'EMERGENCY']], denied: [['JUSTICE', 'FORBIDDEN']], fields: ['PoliceFile.name'] } }));
    write(emergency, ledger({ 'FJC-000002': { denied: [['JUSTICE', 'FORBIDDEN']] } }));
    expect(log.reviewQueue().map((r) => [r.seq, r.clientId, r.reviewRequired, r.emergencyReason, r.granted])).toEqual([
      [2, 'FJC-000001', true, 'threat reported by a neighbour', { IDENTITY: 'EMERGENCY' }],
    ]);
    expect(log.list('FJC-000001').map((r) => r.reviewRequired)).toEqual([false, true]);
  });

  it('refuses raw updates, deletes and out-of-place inserts of records, and a purge without a checkpoint', () => {
    write(conference, oneClient(1), 2);
    expect(() => store.db.prepare("UPDATE disclosure_log SET purpose = 'INTAKE' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM disclosure_log WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM disclosure_log').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('INSERT INTO disclosure_purge (id, through_seq) VALUES (1, 2)').run()).toThrow(/checkpoint/);
    const first = store.db.prepare('SELECT * FROM disclosure_log WHERE seq = 1').get() as DisclosureRow;
    const replace = `INSERT OR REPLACE INTO disclosure_log (${Object.keys(first).join(', ')}) VALUES (${Object.keys(first).map((c) => `@${c}`).join(', ')})`;
    expect(() => store.db.prepare(replace).run({ ...first, purpose: 'INTAKE' })).toThrow(/grows only at its end/);
    expect(() => store.db.prepare(replace).run({ ...first, seq: 3 })).toThrow(/grows only at its end/);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM disclosure_log').get()).toEqual({ n: 2 });
  });

  it('verifies an intact chain, and a reopened log continues it', async () => {
    write(conference, oneClient(1), 3);
    log = open();
    write(emergency, oneClient(2), 2);
    expect(await log.verify()).toEqual({ agency: 'police', ok: true, checked: 5, anchor: null, head: { seq: 5, hash: log.list('FJC-000002')[1]!.hash }, reviews: 0, outcomes: 0 });
  });

  it('names a record edited behind the triggers as the first broken link', async () => {
    write(conference, oneClient(1), 5);
    withoutTrigger(store.db, 'disclosure_log_no_update', () => store.db.exec("UPDATE disclosure_log SET purpose = 'CASE_MANAGEMENT' WHERE seq = 3"));
    const report = await log.verify();
    expect(report).toMatchObject({ ok: false, checked: 3, broken: { reason: 'HASH_MISMATCH', seq: 3, row: { seq: 3, purpose: 'CASE_MANAGEMENT', request_id: 'req-1.2' } } });
  });

  it('catches an edit whose hash was recomputed at the next link', async () => {
    write(conference, oneClient(1), 4);
    const forged = { ...(store.db.prepare('SELECT * FROM disclosure_log WHERE seq = 2').get() as DisclosureRow), purpose: 'INTAKE' };
    forged.hash = hashOfRow(forged);
    withoutTrigger(store.db, 'disclosure_log_no_update', () => store.db.prepare('UPDATE disclosure_log SET purpose = @purpose, hash = @hash WHERE seq = 2').run(forged));
    expect((await log.verify()).broken).toMatchObject({ reason: 'PREV_HASH_MISMATCH', seq: 3, detail: 'does not link to record 2' });
  });

  it('detects a deleted middle record', async () => {
    write(conference, oneClient(1), 5);
    withoutTrigger(store.db, 'disclosure_log_no_delete', () => store.db.exec('DELETE FROM disclosure_log WHERE seq = 3'));
    expect((await log.verify()).broken).toMatchObject({ reason: 'MISSING_RECORDS', seq: 4, detail: 'records 3..3 are missing' });
  });

  it('reports a removed guard even while the chain is intact', async () => {
    write(conference, oneClient(1));
    store.db.exec('DROP TRIGGER disclosure_log_no_delete');
    expect((await log.verify()).broken).toMatchObject({ reason: 'GUARD_MISSING', detail: 'triggers missing: disclosure_log_no_delete' });
  });

  it('purges only a whole prefix of expired records behind a signed checkpoint that still verifies', async () => {
    const signer = await loadCheckpointSigner(auditKeyFile(dir, 'police'));
    log = open({ checkpointKeys: signer.jwks, retentionDays: 30 });
    write(conference, oneClient(1), 5); // days 0-4
    clock = T0 + 8 * DAY;
    write(conference, oneClient(2)); // day 8
    clock = T0 + 2 * DAY; // the clock was set back: old, but not part of the prefix
    write(conference, oneClient(3)); // day 2
    const fifth = log.list('FJC-000001')[4]!;
    clock = T0 + 10 * DAY;
    const result = await log.purgeBefore(new Date(T0 + 6 * DAY).toISOString(), signer);
    expect(result).toEqual({
      purged: 5,
      checkpoint: { agency: 'police', time: '2026-03-11T09:00:00.000Z', throughSeq: 5, throughHash: fifth.hash, purgedBefore: '2026-03-07T09:00:00.000Z', purgedCount: 5 },
    });
    expect(store.db.prepare('SELECT seq FROM disclosure_log ORDER BY seq').pluck().all()).toEqual([6, 7]);
    expect(store.db.prepare('SELECT COUNT(*) FROM disclosure_purge').pluck().get()).toBe(0);
    expect(() => store.db.prepare('DELETE FROM disclosure_checkpoint').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('UPDATE disclosure_checkpoint SET through_seq = 7').run()).toThrow(/append-only/);
    write(emergency, oneClient(4));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 3, anchor: { seq: 5, hash: fifth.hash }, head: { seq: 8 } });
    expect(await log.purgeExpired(signer)).toEqual({ purged: 0, checkpoint: null });
    expect((await log.verify(undefined)).ok).toBe(true);
    expect(await openDisclosureLog(store.db, 'police').verify()).toMatchObject({ ok: false, broken: { reason: 'BAD_CHECKPOINT', detail: 'no public key to verify the checkpoint signature' } });
  });

  it('rejects a checkpoint signed with another key, or altered after signing', async () => {
    const agencyKey = await loadCheckpointSigner(auditKeyFile(dir, 'police'));
    const attackerKey = await loadCheckpointSigner(path.join(dir, 'attacker.json'));
    write(conference, oneClient(1), 4);
    clock = T0 + 10 * DAY;
    await log.purgeBefore(new Date(T0 + 2 * DAY).toISOString(), attackerKey);
    expect((await log.verify(agencyKey.jwks)).broken).toMatchObject({ reason: 'BAD_CHECKPOINT', seq: 2, detail: 'checkpoint signature does not verify' });

    const honest = fs.mkdtempSync(path.join(dir, 'honest-'));
    store.close();
    store = openSqliteStore(oneroofStoreFile(honest, 'police'), []);
    log = open();
    write(conference, oneClient(1), 4);
    await log.purgeBefore(new Date(clock).toISOString(), agencyKey);
    expect((await log.verify(agencyKey.jwks)).ok).toBe(true);
    withoutTrigger(store.db, 'disclosure_checkpoint_no_update', () => store.db.exec('UPDATE disclosure_checkpoint SET through_seq = 2'));
    expect((await log.verify(agencyKey.jwks)).broken).toMatchObject({ reason: 'BAD_CHECKPOINT', detail: 'checkpoint columns differ from what was signed' });
  });

  it('refuses to purge a prefix that does not verify', async () => {
    const signer = await loadCheckpointSigner(auditKeyFile(dir, 'police'));
    write(conference, oneClient(1), 4);
    withoutTrigger(store.db, 'disclosure_log_no_update', () => store.db.exec("UPDATE disclosure_log SET viewer_sub = 'someone-else' WHERE seq = 2"));
    await expect(log.purgeBefore(new Date(clock).toISOString(), signer)).rejects.toThrow(/broken at record 2 \(HASH_MISMATCH\)/);
    expect(store.db.prepare('SELECT COUNT(*) FROM disclosure_log').pluck().get()).toBe(4);
  });

  it('throws when a record cannot be written, so the response is withheld, and recovers once the store does', async () => {
    write(conference, oneClient(1));
    store.db.pragma('query_only = ON');
    expect(() => log.sink(conference, 'police', oneClient(1))).toThrow(DisclosureLogError);
    store.db.pragma('query_only = OFF');
    write(conference, oneClient(1));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 2 });
    expect(() => log.sink(conference, 'housing', oneClient(1))).toThrow(DisclosureLogError);
    store.db.exec('DROP TABLE disclosure_log');
    expect(() => log.sink(conference, 'police', oneClient(1))).toThrow(DisclosureLogError);
  });

  it('writes the requests that finish together in one transaction, each released only once written, in order', async () => {
    const commits: number[] = [];
    const before = store.db.prepare('SELECT COUNT(*) FROM disclosure_log').pluck();
    const released: string[] = [];
    const requests = [1, 2, 3].map((n) => log.record({ ...conference, requestId: `req-${n}` }, 'police', oneClient(n)).then(() => {
      released.push(`req-${n}`);
      commits.push(before.get() as number);
    }));
    expect(before.get()).toBe(0); // nothing is written, and nothing released, before the commit
    expect(released).toEqual([]);
    await Promise.all(requests);
    expect(released).toEqual(['req-1', 'req-2', 'req-3']);
    expect(commits).toEqual([3, 3, 3]); // all three rows were there when the first was released
    expect(store.db.prepare('SELECT request_id FROM disclosure_log ORDER BY seq').pluck().all()).toEqual(['req-1', 'req-2', 'req-3']);
    await log.record({ ...conference, requestId: 'req-4' }, 'police', oneClient(4));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 4, head: { seq: 4 } });
  });

  it('withholds every request of a group commit that fails, and writes the next group once the store recovers', async () => {
    store.db.pragma('query_only = ON');
    const failed = await Promise.allSettled([1, 2].map((n) => log.record({ ...conference, requestId: `req-${n}` }, 'police', oneClient(n))));
    expect(failed.map((result) => result.status === 'rejected' && result.reason instanceof DisclosureLogError)).toEqual([true, true]);
    store.db.pragma('query_only = OFF');
    await expect(log.record(conference, 'housing', oneClient(3))).rejects.toThrow(DisclosureLogError);
    await log.record(conference, 'police', oneClient(3));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 1 });
  });

  it('keeps 1,000 consecutive requests as 1,000 linked records with consecutive seq', async () => {
    for (let i = 1; i <= 1000; i += 1) log.sink({ ...conference, requestId: `req-${i}` }, 'police', oneClient(i));
    expect(store.db.prepare('SELECT seq FROM disclosure_log ORDER BY seq').pluck().all()).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 1000, head: { seq: 1000 } });
  });

  it('audit:verify prints one line per agency and exits 1 when a chain is broken', () => {
    write(conference, oneClient(1), 3);
    const width = Math.max(...AGENCIES.map((a) => a.length));
    const others = AGENCIES.filter((agency) => agency !== 'police');
    const run = (...args: string[]) => spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/auditVerify.ts', '--data-dir', dir, ...args], { cwd: ROOT, encoding: 'utf8' });
    const intact = run(...others.flatMap((agency) => ['--not-deployed', agency]));
    expect(intact.stdout.split('\n').filter(Boolean)).toEqual(
      AGENCIES.map((agency) => `${agency.padEnd(width)}  ${agency === 'police' ? '3 records checked: OK' : 'not deployed: no store, none expected'}`),
    );
    expect(intact.status).toBe(0);
    withoutTrigger(store.db, 'disclosure_log_no_update', () => store.db.exec("UPDATE disclosure_log SET purpose = 'INTAKE' WHERE seq = 2"));
    const broken = run(...others.flatMap((agency) => ['--not-deployed', agency]));
    expect(broken.stdout).toContain('police                2 records checked: BROKEN at record #2 (request req-1.1, 2026-03-02T09:00:00.000Z): HASH_MISMATCH, content does not match its hash');
    expect(broken.status).toBe(1);
  });

  it('audit:verify fails on a missing store or log unless the agency is declared not deployed', () => {
    write(conference, oneClient(1), 1);
    const run = (...args: string[]) => spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/auditVerify.ts', '--data-dir', dir, ...args], { cwd: ROOT, encoding: 'utf8' });
    const missing = run();
    const width = Math.max(...AGENCIES.map((a) => a.length));
    expect(missing.stdout).toContain(`${'fjc'.padEnd(width)}  MISSING: no store at ${oneroofStoreFile(dir, 'fjc')} (declare an agency that does not run here with --not-deployed fjc)`);
    expect(missing.stdout).toContain(`${'police'.padEnd(width)}  1 record checked: OK`);
    expect(missing.status).toBe(1);
    // A store whose log tables are gone has lost its log.
    const bare = openSqliteStore(oneroofStoreFile(dir, 'housing'), []);
    bare.db.exec('CREATE TABLE client_links (fjc_client_id TEXT PRIMARY KEY)');
    bare.close();
    const others = AGENCIES.filter((agency) => agency !== 'police' && agency !== 'housing').flatMap((agency) => ['--not-deployed', agency]);
    const logless = run(...others);
    expect(logless.stdout).toContain(`${'housing'.padEnd(width)}  MISSING: the store has no disclosure log`);
    expect(logless.status).toBe(1);
    // Declaring it not deployed does not excuse a store that is there: it is checked all the same.
    expect(run(...others, '--not-deployed', 'housing').status).toBe(1);
    const unknown = run('--not-deployed', 'prison');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`--not-deployed prison: not an agency (${AGENCIES.join(', ')}).`);
  });

  it('audit:verify passes on a dataset just seeded: every store has its log from the start', () => {
    const seeded = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-seeded-'));
    try {
      seedAll(seeded, { clients: 5, seed: 3 });
      const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/auditVerify.ts', '--data-dir', seeded], { cwd: ROOT, encoding: 'utf8' });
      expect(result.stdout.split('\n').filter(Boolean).map((line) => line.replace(/^\S+\s+/, ''))).toEqual(AGENCIES.map(() => 'no disclosure records: OK'));
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(seeded, { recursive: true, force: true });
    }
  });
});
