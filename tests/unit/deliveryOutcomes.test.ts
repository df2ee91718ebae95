import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDisclosureLog, type DisclosureLog } from '../../lib/kit/disclosure/disclosureLog';
import type { OutcomeRow } from '../../lib/kit/disclosure/outcomes';
import { hashOfRow, type DisclosureRow } from '../../lib/kit/disclosure/record';
import { presentDisclosures } from '../../lib/kit/disclosure/disclosureView';
import { undeliveredCalls } from '../../gateway/deliveryReport';
import { openSqliteStore, type SqliteStore } from '../../lib/kit/store/sqlite';
import type { ClientLedger } from '../../lib/policy/access';
import { oneroofStoreFile } from '../../lib/kit/store/oneroofStore';
import type { RequestContext } from '../../lib/viewer';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const officer = (requestId: string, fetchId?: string): RequestContext => ({
  viewer: { sub: 'police-7', name: 'Piet Agent', agency: 'police', roles: ['AGENCY_STAFF'] },
  purpose: 'CASE_MANAGEMENT', requestId, token: 'not-logged', ...(fetchId ? { fetchId } : {}),
});
const ledger = (...clients: string[]): Map<string, ClientLedger> =>
  new Map(clients.map((client) => [client, { granted: new Map([['INVOLVEMENT', 'OWN_RECORD']]), denied: new Map(), fields: new Set(['PoliceFile.involved']) }]));
const withoutTrigger = (db: Database.Database, trigger: string, work: () => void) => {
  const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(trigger) as { sql: string }).sql;
  db.exec(`DROP TRIGGER ${trigger}`);
  work();
  db.exec(sql);
};

describe('delivery outcomes in an agency\'s disclosure log', () => {
  let dir: string;
  let store: SqliteStore;
  let log: DisclosureLog;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-outcome-'));
    store = openSqliteStore(oneroofStoreFile(dir, 'police'), []);
    log = openDisclosureLog(store.db, 'police', { now: () => new Date(T0) });
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks every record a call wrote, and only those, as never delivered, in a chain that verifies', async () => {
    log.sink(officer('req-1', 'call-1'), 'police', ledger('FJC-000001', 'FJC-000002')); // seqs 1, 2
    log.sink(officer('req-2', 'call-2'), 'police', ledger('FJC-000001')); // seq 3
    expect(log.recordUndelivered('call-1', 'NOT_RECEIVED_BY_GATEWAY', 'req-1')).toBe(2);
    expect(log.recordUndelivered('call-unknown', 'VIEWER_GONE', 'req-9')).toBe(0);
    const outcomes = log.outcomesOf([1, 2, 3]);
    expect([...outcomes.keys()]).toEqual([1, 2]);
    expect(outcomes.get(1)).toMatchObject({ id: 1, seq: 1, reason: 'NOT_RECEIVED_BY_GATEWAY', request_id: 'req-1', fetch_id: 'call-1' });
    const shown = presentDisclosures(log, log.list('FJC-000001'), 'SUBJECT');
    expect(shown.map((d) => [d.seq, d.delivered, d.notDeliveredBecause])).toEqual([[1, false, 'NOT_RECEIVED_BY_GATEWAY'], [3, true, null]]);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 3, outcomes: 2 });
  });

  it('applies a report that came before the call\'s records once they are written', () => {
    expect(log.recordUndelivered('call-early', 'VIEWER_GONE', 'req-3')).toBe(0);
    log.sink(officer('req-3', 'call-early'), 'police', ledger('FJC-000003'));
    expect(log.outcomesOf([1]).get(1)).toMatchObject({ reason: 'VIEWER_GONE', fetch_id: 'call-early' });
  });

  it('refuses an outcome for a record that is not there, or edited, and any change to an outcome', () => {
    log.sink(officer('req-1', 'call-1'), 'police', ledger('FJC-000001'));
    log.recordUndelivered('call-1', 'VIEWER_GONE', 'req-1');
    const insert = (row: Partial<OutcomeRow>) => () =>
      store.db.prepare('INSERT INTO disclosure_outcome (id, seq, record_hash, reason, at, request_id, fetch_id, prev_hash, hash) VALUES (@id, @seq, @record_hash, @reason, @at, @request_id, @fetch_id, @prev_hash, @hash)').run(row);
    const first = store.db.prepare('SELECT * FROM disclosure_outcome WHERE id = 1').get() as OutcomeRow;
    expect(insert({ ...first, id: 2, seq: 7, prev_hash: first.hash })).toThrow(/must name a disclosure record and its hash/);
    expect(() => store.db.exec("UPDATE disclosure_outcome SET reason = 'NOT_RECEIVED_BY_GATEWAY'")).toThrow(/append-only/);
    expect(() => store.db.exec('DELETE FROM disclosure_outcome')).toThrow(/append-only/);
  });

  it('names the first outcome edited behind the triggers', async () => {
    log.sink(officer('req-1', 'call-1'), 'police', ledger('FJC-000001'));
    log.recordUndelivered('call-1', 'VIEWER_GONE', 'req-1');
    withoutTrigger(store.db, 'disclosure_outcome_no_update', () => store.db.exec("UPDATE disclosure_outcome SET reason = 'NOT_RECEIVED_BY_GATEWAY'"));
    expect(await log.verify()).toMatchObject({ ok: false, outcomes: 1, broken: { reason: 'HASH_MISMATCH', outcomeId: 1, detail: 'outcome #1: content does not match its hash' } });
  });

  it('breaks when the record an outcome names is rewritten, even with the disclosure chain recomputed', async () => {
    log.sink(officer('req-1', 'call-1'), 'police', ledger('FJC-000001'));
    log.recordUndelivered('call-1', 'VIEWER_GONE', 'req-1');
    const record = store.db.prepare('SELECT * FROM disclosure_log WHERE seq = 1').get() as DisclosureRow;
    const rewritten = { ...record, purpose: 'INTAKE' };
    rewritten.hash = hashOfRow(rewritten);
    withoutTrigger(store.db, 'disclosure_log_no_update', () => store.db.prepare('UPDATE disclosure_log SET purpose = @purpose, hash = @hash WHERE seq = 1').run(rewritten));
    expect(await log.verify()).toMatchObject({ ok: false, broken: { reason: 'REVIEW_UNLINKED', outcomeId: 1, detail: 'outcome #1: record 1 differs from the one named' } });
  });
});

describe('the guards of the outcome chain', () => {
  it('reports a removed outcome guard or table', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-outcome-'));
    const store = openSqliteStore(oneroofStoreFile(dir, 'police'), []);
    try {
      const log = openDisclosureLog(store.db, 'police');
      store.db.exec('DROP TRIGGER disclosure_outcome_of_record');
      expect((await log.verify()).broken).toMatchObject({ reason: 'GUARD_MISSING', detail: 'triggers missing: disclosure_outcome_of_record' });
      store.db.exec('DROP TABLE disclosure_outcome');
      expect((await log.verify()).broken).toMatchObject({ reason: 'GUARD_MISSING', detail: 'log tables missing: only disclosure_checkpoint, disclosure_log, disclosure_purge, disclosure_review' });
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('which answers the gateway reports undelivered', () => {
  const calls = [
    { agency: 'fjc' as const, fetchId: 'a', received: true },
    { agency: 'police' as const, fetchId: 'b', received: false },
    { agency: 'police' as const, fetchId: 'c', received: true },
  ];

  it('reports the calls it never got an answer for, when its own answer was delivered', () => {
    expect(undeliveredCalls(calls, true)).toEqual(new Map([['police', [{ fetchId: 'b', reason: 'NOT_RECEIVED_BY_GATEWAY' }]]]));
  });

  it('reports every call when its own answer never reached the viewer', () => {
    expect(undeliveredCalls(calls, false)).toEqual(new Map([
      ['fjc', [{ fetchId: 'a', reason: 'VIEWER_GONE' }]],
      ['police', [{ fetchId: 'b', reason: 'NOT_RECEIVED_BY_GATEWAY' }, { fetchId: 'c', reason: 'VIEWER_GONE' }]],
    ]));
  });

  it('reports nothing for a request whose every answer arrived', () => {
    expect(undeliveredCalls(calls.filter((c) => c.received), true).size).toBe(0);
  });
});
