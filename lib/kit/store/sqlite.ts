import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './storeLock';

/** One versioned schema change; applied once, in version order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: a data step SQL cannot express (derived columns written by code). */
  run?: (db: Database.Database) => void;
}

type Value = string | number | bigint | null | Buffer;
/** Positional values, or one object of named values (`@name` in the SQL). */
type Param = Value | Record<string, Value>;

/**
 * An agency's embedded store: a SQLite file in WAL mode with its migrations applied, prepared
 * statements cached by SQL text, and a count of executed queries (the batching tests read it).
 */
export interface SqliteStore {
  readonly db: Database.Database;
  /** Number of statements executed since the store opened. */
  readonly queryCount: number;
  all<T>(sql: string, ...params: Param[]): T[];
  get<T>(sql: string, ...params: Param[]): T | undefined;
  run(sql: string, ...params: Param[]): Database.RunResult;
  transaction<T>(work: () => T): T;
  close(): void;
}

/**
 * Opens (creating when absent) the store file and brings its schema up to date.
 * @param file - the SQLite file, or `:memory:`.
 */
export function openSqliteStore(file: string, migrations: Migration[]): SqliteStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Migrations run once, at start, and may wait for a lock; requests then never wait long inside
  // SQLite, which blocks the event loop: they wait before they run (storeLock.ts).
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const statements = new Map<string, Database.Statement>();
  let queryCount = 0;
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    queryCount += 1;
    return statement;
  };
  return {
    db,
    get queryCount() {
      return queryCount;
    },
    all: <T>(sql: string, ...params: Param[]) => prepare(sql).all(...params) as T[],
    get: <T>(sql: string, ...params: Param[]) => prepare(sql).get(...params) as T | undefined,
    run: (sql: string, ...params: Param[]) => prepare(sql).run(...params),
    transaction: <T>(work: () => T) => db.transaction(work)(),
    close: () => db.close(),
  };
}

function migrate(db: Database.Database, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
  }
}

/** Binds a list of ids as one parameter, so one prepared statement serves any batch size. */
export function idList(ids: readonly string[]): string {
  return JSON.stringify(ids);
}

/** SQL fragment that matches a column against `idList(...)`. */
export const IN_ID_LIST = 'IN (SELECT value FROM json_each(?))';

/** Groups rows by a key, keeping the order of `keys` for DataLoader. */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
