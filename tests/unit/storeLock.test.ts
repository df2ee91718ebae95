import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, type SqliteStore } from '../../lib/kit/store/sqlite';
import { isBusy, retryWhileBusy, waitForStore } from '../../lib/kit/store/storeLock';
import { fakeScope } from '../helpers/scope';

/**
 * A second connection plays the other process: it holds the store's write lock. Waiting for it must
 * never block the event loop for longer than one statement's short busy timeout.
 */
describe('a store whose lock another connection holds', () => {
  let dir: string;
  let store: SqliteStore;
  let other: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-lock-'));
    store = openSqliteStore(path.join(dir, 'police.sqlite'), [{ version: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY)' }]);
    other = new Database(path.join(dir, 'police.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
  });
  afterEach(() => {
    other.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails a write at once, inside SQLite, instead of waiting seconds with the event loop blocked', () => {
    let error: unknown;
    try {
      store.run('INSERT INTO notes (id) VALUES (1)');
    } catch (caught) {
      error = caught;
    }
    expect(isBusy(error)).toBe(true);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(10);
  });

  it('waits on timers while the lock is held, serving other work meanwhile, and goes on once it is released', async () => {
    const ticks: string[] = [];
    const interval = setInterval(() => ticks.push('tick'), 5);
    const waited = waitForStore(store.db, 'police', fakeScope(10_000)).then(() => ticks.push('store free'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    other.exec('ROLLBACK');
    await waited;
    clearInterval(interval);
    expect(ticks.indexOf('store free')).toBeGreaterThan(2);
    expect(store.run('INSERT INTO notes (id) VALUES (1)').changes).toBe(1);
  });

  it('gives up at the request\'s deadline with AGENCY_UNAVAILABLE (503), and at once without a scope to wait in', async () => {
    await expect(waitForStore(store.db, 'police', fakeScope(50))).rejects.toMatchObject({
      message: 'This agency\'s store is locked by another process; ask again shortly.',
      extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'police', http: { status: 503 } },
    });
    await expect(waitForStore(store.db, 'police', undefined)).rejects.toMatchObject({ extensions: { code: 'AGENCY_UNAVAILABLE' } });
  });

  it('retries only what failed busy, and passes any other error on at once', async () => {
    let calls = 0;
    await expect(retryWhileBusy(() => {
      calls += 1;
      throw new RangeError('not a lock');
    }, fakeScope(10_000))).rejects.toThrow(RangeError);
    expect(calls).toBe(1);
  });
});
