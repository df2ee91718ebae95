import type { ClientLink, PersonLinks } from './agencyStore';
import { IN_ID_LIST, idList, type Migration, type SqliteStore } from './sqlite';

/** The person links' table in OneRoof's own store for an agency. */
export const CLIENT_LINKS_MIGRATION: Migration = {
  version: 1,
  name: 'client links',
  sql: `CREATE TABLE client_links (
    fjc_client_id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL UNIQUE,
    capacity TEXT NOT NULL,
    since TEXT NOT NULL,
    contact_person TEXT
  );`,
};

interface LinkRow {
  fjc_client_id: string;
  person_id: string;
  capacity: string;
  since: string;
  contact_person: string | null;
}

/** The person links kept in a SQLite store with `CLIENT_LINKS_MIGRATION` applied: one query per batch, whatever its size. */
export function createSqlitePersonLinks(store: SqliteStore): PersonLinks {
  return {
    find: (clientIds) => {
      const rows = store.all<LinkRow>(
        `SELECT fjc_client_id, person_id, capacity, since, contact_person FROM client_links WHERE fjc_client_id ${IN_ID_LIST}`,
        idList(clientIds),
      );
      const byClient = new Map(rows.map((row) => [row.fjc_client_id, row]));
      return clientIds.map((id): ClientLink | null => {
        const row = byClient.get(id);
        return row ? { clientId: id, personId: row.person_id, capacity: row.capacity, since: row.since, contactPerson: row.contact_person } : null;
      });
    },
    insert: (link) => {
      store.run(
        'INSERT INTO client_links (fjc_client_id, person_id, capacity, since, contact_person) VALUES (?, ?, ?, ?, ?)',
        link.clientId, link.personId, link.capacity, link.since, link.contactPerson,
      );
    },
  };
}
