import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPartnerLoaders } from '../../lib/kit/agency/agencyFile';
import { openAgency } from '../../lib/kit/agency/openAgency';
import { agencyDataFile, oneroofStoreFile, OldLayoutError, refuseOldLayout } from '../../lib/kit/store/oneroofStore';
import { CLIENT_LINKS_MIGRATION, createSqlitePersonLinks } from '../../lib/kit/store/personLinks';
import { openSqliteStore, type Migration } from '../../lib/kit/store/sqlite';
import { createSqliteAgencyStore } from '../../lib/kit/store/sqliteAgencyStore';
import { agencyModule } from '../../subgraphs/registry';

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
    const links = createSqlitePersonLinks(store);
    links.insert({ clientId: 'FJC-000002', personId: 'P2', capacity: 'SUSPECT', since: '2026-01-01', contactPerson: null });
    links.insert({ clientId: 'FJC-000001', personId: 'P1', capacity: 'VICTIM', since: '2026-01-01', contactPerson: 'staff-1' });
    expect(links.find(['FJC-000001', 'FJC-000009', 'FJC-000002']).map((l) => l?.personId ?? null)).toEqual(['P1', null, 'P2']);
    expect(() => links.insert({ clientId: 'FJC-000003', personId: 'P1', capacity: 'VICTIM', since: '2026-01-01', contactPerson: null })).toThrow(/UNIQUE/);
    const before = store.queryCount;
    const agencyStore = createSqliteAgencyStore<object>({ data: store, links, rows: {}, figures: {} });
    const loader = createPartnerLoaders(agencyStore).links;
    const found = await Promise.all(['FJC-000001', 'FJC-000002', 'FJC-000003'].map((id) => loader.load(id)));
    expect(found.map((l) => l?.capacity ?? null)).toEqual(['VICTIM', 'SUSPECT', null]);
    expect(store.queryCount - before).toBe(1);
    store.close();
  });
});

describe('the SQLite implementation of the store interface', () => {
  type Rows = { notes: { person_id: string; body: string } };
  const open = () => {
    const data = openSqliteStore(':memory:', [
      { version: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, person_id TEXT NOT NULL, body TEXT NOT NULL, day TEXT NOT NULL)' },
    ]);
    for (const [person, body, day] of [['P1', 'a', '2026-01-02'], ['P2', 'b', '2026-01-03'], ['P1', 'c', '2026-02-01']]) {
      data.run('INSERT INTO notes (person_id, body, day) VALUES (?, ?, ?)', person!, body!, day!);
    }
    const links = createSqlitePersonLinks(openSqliteStore(':memory:', [CLIENT_LINKS_MIGRATION]));
    return createSqliteAgencyStore<Rows>({
      data,
      links,
      rows: { notes: 'SELECT person_id, body FROM notes WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY id DESC' },
      figures: { notesByMonth: { sql: "SELECT 'ALL' AS label, substr(day, 1, 7) AS month, count(*) AS n FROM notes WHERE day >= @from AND day < @until GROUP BY month" } },
    });
  };

  it('answers the rows of many persons with one query, grouped per person in the order asked', async () => {
    const store = open();
    const before = store.data.queryCount;
    expect(await store.rows('notes', ['P2', 'P9', 'P1'])).toEqual([
      [{ person_id: 'P2', body: 'b' }],
      [],
      [{ person_id: 'P1', body: 'c' }, { person_id: 'P1', body: 'a' }],
    ]);
    expect(store.data.queryCount - before).toBe(1);
  });

  it('counts a figure per label and month over its bounds, and knows no other figure or field', async () => {
    const store = open();
    expect(await store.figure('notesByMonth', { from: '2026-01-01', until: '2026-02-01', now: '2026-03-01T00:00:00.000Z' })).toEqual([{ label: 'ALL', month: '2026-01', n: 2 }]);
    await expect(store.figure('other', { from: '2026-01-01', until: '2026-02-01', now: '' })).rejects.toThrow(/no such figure/);
    await expect(store.rows('other' as 'notes', ['P1'])).rejects.toThrow(/no such field/);
  });
});

describe("OneRoof's own store for an agency", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-layout-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps the person links apart from the agency's data, which it leaves as the agency's migrations made it", () => {
    const opened = openAgency(agencyModule('police'), dir);
    opened.oneroof.links.insert({ clientId: 'FJC-000001', personId: 'PZ-1', capacity: 'VICTIM', since: '2026-01-01', contactPerson: null });
    void opened.close();
    const tables = (file: string) => {
      const db = new Database(file, { readonly: true });
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      db.close();
      return names;
    };
    expect(tables(oneroofStoreFile(dir, 'police'))).toContain('client_links');
    expect(tables(agencyDataFile(dir, 'police'))).not.toContain('client_links');
    expect(tables(agencyDataFile(dir, 'police'))).toContain('interventions');
  });

  it('refuses a data file of the older layout, which kept links and disclosures inside, and changes nothing', () => {
    const file = agencyDataFile(dir, 'police');
    const old = new Database(file);
    old.exec('CREATE TABLE client_links (fjc_client_id TEXT); CREATE TABLE disclosure_log (seq INTEGER)');
    old.close();
    const before = fs.readFileSync(file);
    expect(() => refuseOldLayout(file)).toThrow(OldLayoutError);
    expect(() => openAgency(agencyModule('police'), dir)).toThrow(/written by an older OneRoof.*Nothing was changed/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.existsSync(oneroofStoreFile(dir, 'police'))).toBe(false);
  });
});
