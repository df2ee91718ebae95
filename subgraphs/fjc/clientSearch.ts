import type Database from 'better-sqlite3';
import type { Migration } from '../../lib/kit';
import { nameKey, nameTokens } from './nameFolding';
import type { ClientRow, FjcStore } from './rows';

/**
 * Finding clients by name in the FJC's own store, through an index of folded name parts (one row
 * per part and client), never by scanning the registry: "celik" finds "Çelik", "kest iletos" finds
 * "Iletos Kest", and every part typed is the beginning of one of the client's name parts.
 */

/** The table of folded name parts, filled for the clients already registered when it is created. */
export const NAME_TOKENS_MIGRATION: Migration = {
  version: 6,
  name: 'folded name parts: indexed client search and likely-duplicate check',
  sql: `
    CREATE TABLE client_name_tokens (
      token TEXT NOT NULL,
      client_id TEXT NOT NULL REFERENCES clients(id),
      PRIMARY KEY (token, client_id)
    ) WITHOUT ROWID;`,
  run: (db) => {
    const insert = db.prepare('INSERT OR IGNORE INTO client_name_tokens (token, client_id) VALUES (?, ?)');
    // Read whole before writing: better-sqlite3 refuses writes while a statement is still iterating.
    const clients = db.prepare('SELECT id, first_name AS firstName, last_name AS lastName FROM clients').all() as NameRow[];
    for (const client of clients) indexWith(insert, client);
  },
};

interface NameRow {
  id: string;
  firstName: string;
  lastName: string;
}

function indexWith(insert: Database.Statement, client: NameRow): void {
  for (const token of new Set(nameTokens(`${client.firstName} ${client.lastName}`))) insert.run(token, client.id);
}

/** Indexes a newly registered client's name parts (inside the registering transaction). */
export function indexClientName(store: FjcStore, client: NameRow): void {
  for (const token of new Set(nameTokens(`${client.firstName} ${client.lastName}`))) {
    store.run('INSERT OR IGNORE INTO client_name_tokens (token, client_id) VALUES (?, ?)', token, client.id);
  }
}

/** Most name parts one search may give; each costs one index range. */
export const MAX_SEARCH_PARTS = 6;
/** The largest code point: `part` followed by it bounds every token that begins with `part`. */
const AFTER_EVERY_CONTINUATION = '\u{10FFFF}';

export interface ClientFind {
  /** Folded name parts (`nameTokens`), at most MAX_SEARCH_PARTS; empty for none. */
  parts: readonly string[];
  dateOfBirth?: string;
  first: number;
}

export interface ClientFindResult {
  /** How many clients match in all. */
  total: number;
  /** The first `first` of them, by last name, first name, id. */
  rows: ClientRow[];
}

const CLIENT_COLUMNS = `id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, gender,
  language, interpreter_needed AS interpreterNeeded, phone, email, street, postal_code AS postalCode,
  municipality, address_protected AS addressProtected, registered_at AS registeredAt`;

/**
 * Clients whose name parts begin with every one of `parts` (in any order) and, when given, born on
 * `dateOfBirth`. Each part is one range of the token index, the parts are intersected, and the
 * registry is reached by primary key (or by the date-of-birth index when no name is given).
 */
export function findClientsByName(store: FjcStore, find: ClientFind): ClientFindResult {
  if (find.parts.length === 0 && !find.dateOfBirth) return { total: 0, rows: [] };
  const params: Record<string, string | number | null> = { dateOfBirth: find.dateOfBirth ?? null, first: find.first };
  const ranges = find.parts.map((part, i) => {
    params[`from${i}`] = part;
    params[`to${i}`] = part + AFTER_EVERY_CONTINUATION;
    return `SELECT client_id FROM client_name_tokens WHERE token >= @from${i} AND token < @to${i}`;
  });
  const where = [
    ...(ranges.length > 0 ? [`id IN (${ranges.join(' INTERSECT ')})`] : []),
    ...(find.dateOfBirth ? ['date_of_birth = @dateOfBirth'] : []),
  ].join(' AND ');
  const { total } = store.get<{ total: number }>(`SELECT COUNT(*) AS total FROM clients WHERE ${where}`, params)!;
  const rows =
    total === 0
      ? []
      : store.all<ClientRow>(
          `SELECT ${CLIENT_COLUMNS} FROM clients WHERE ${where}
           ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT @first`,
          params,
        );
  return { total, rows };
}

/**
 * Registered clients born on `dateOfBirth` whose name has the same folded parts as `name`, in any
 * order: the same person written with other accents, case, look-alike letters (Cyrillic, Greek,
 * full-width) or first and last name swapped. Reached through the date-of-birth index.
 * @returns their client ids, in id order.
 */
export function likelyDuplicates(store: FjcStore, name: string, dateOfBirth: string): string[] {
  const key = nameKey(name);
  return store
    .all<NameRow>('SELECT id, first_name AS firstName, last_name AS lastName FROM clients WHERE date_of_birth = ? ORDER BY id', dateOfBirth)
    .filter((row) => nameKey(`${row.firstName} ${row.lastName}`) === key)
    .map((row) => row.id);
}
