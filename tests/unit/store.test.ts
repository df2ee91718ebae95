import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClientLinkLoader, findClientLinks, insertClientLink, CLIENT_LINKS_MIGRATION } from '../../lib/kit/store/clientLinks';
import { openSqliteStore, type Migration } from '../../lib/kit/store/sqlite';

const MIGRATIONS: Migration[] = [
  CLIENT_LINKS_MIGRATION,
  { version: 2, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, person_id TEXT NOT NULL)' },
];

describe('embedded store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-store-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens in WAL mode and applies each migration once, in order', () => {
    const file = path.join(dir, 'police.sqlite');
    const first = openSqliteStore(file, MIGRATIONS);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    first.close();
    const again = openSqliteStore(file, [...MIGRATIONS, { version: 3, name: 'more', sql: 'ALTER TABLE notes ADD COLUMN body TEXT' }]);
    expect(again.all('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'client links' },
      { version: 2, name: 'notes' },
      { version: 3, name: 'more' },
    ]);
    again.close();
  });

  it('rolls back a failing migration and applies nothing of it', () => {
    const file = path.join(dir, 'broken.sqlite');
    const broken = { version: 2, name: 'broken', sql: 'CREATE TABLE half (id INTEGER); CREATE TABLE oops (' };
    expect(() => openSqliteStore(file, [CLIENT_LINKS_MIGRATION, broken])).toThrow();
    const store = openSqliteStore(file, [CLIENT_LINKS_MIGRATION]);
    expect(store.all("SELECT name FROM sqlite_master WHERE name = 'half'")).toEqual([]);
    store.close();
  });

  it('answers a batch of client ids with one query, in the order asked', async () => {
    const store = openSqliteStore(':memory:', MIGRATIONS);
    insertClientLink(store, { clientId: 'FJC-000002', personId: 'P2', capacity: 'SUSPECT', since: '2026-01-01', contactPerson: null });
    insertClientLink(store, { clientId: 'FJC-000001', personId: 'P1', capacity: 'VICTIM', since: '2026-01-01', contactPerson: 'staff-1' });
    expect(findClientLinks(store, ['FJC-000001', 'FJC-000009', 'FJC-000002']).map((l) => l?.personId ?? null)).toEqual(['P1', null, 'P2']);
    const before = store.queryCount;
    const loader = createClientLinkLoader(store);
    const links = await Promise.all(['FJC-000001', 'FJC-000002', 'FJC-000003'].map((id) => loader.load(id)));
    expect(links.map((l) => l?.capacity ?? null)).toEqual(['VICTIM', 'SUSPECT', null]);
    expect(store.queryCount - before).toBe(1);
    store.close();
  });
});
