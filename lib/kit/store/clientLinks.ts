import DataLoader from 'dataloader';
import { groupBy, IN_ID_LIST, idList, type Migration, type SqliteStore } from './sqlite';

/**
 * Every partner agency keeps its own link from an FJC client id to its local person record.
 * Without a link the agency answers `involved: false` and nothing else.
 */
export interface ClientLink {
  clientId: string;
  /** The agency's own id for the person; never leaves the agency. */
  personId: string;
  capacity: string;
  since: string;
  contactPerson: string | null;
}

/** The first migration of every partner agency's store. */
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

/** The links of many clients in one query, in the order of `clientIds` (null: not known here). */
export function findClientLinks(store: SqliteStore, clientIds: readonly string[]): (ClientLink | null)[] {
  const rows = store.all<LinkRow>(
    `SELECT fjc_client_id, person_id, capacity, since, contact_person FROM client_links WHERE fjc_client_id ${IN_ID_LIST}`,
    idList(clientIds),
  );
  const byClient = new Map(rows.map((row) => [row.fjc_client_id, row]));
  return clientIds.map((id) => {
    const row = byClient.get(id);
    return row
      ? { clientId: id, personId: row.person_id, capacity: row.capacity, since: row.since, contactPerson: row.contact_person }
      : null;
  });
}

export function insertClientLink(store: SqliteStore, link: ClientLink): void {
  store.run(
    'INSERT INTO client_links (fjc_client_id, person_id, capacity, since, contact_person) VALUES (?, ?, ?, ?, ?)',
    link.clientId,
    link.personId,
    link.capacity,
    link.since,
    link.contactPerson,
  );
}

/** A per-request loader of client links: one query per batch, whatever its size. */
export function createClientLinkLoader(store: SqliteStore): DataLoader<string, ClientLink | null> {
  return new DataLoader((ids) => Promise.resolve(findClientLinks(store, ids)), { maxBatchSize: 1000 });
}

/**
 * A per-request loader of rows keyed by the agency's person id, for one list field: one query per
 * batch. `query` must select rows whose `person_id` is in the JSON id list bound as its only parameter.
 */
export function createPersonRowsLoader<TRow extends { person_id: string }>(
  store: SqliteStore,
  query: string,
): DataLoader<string, TRow[]> {
  return new DataLoader(
    (personIds) => {
      const rows = store.all<TRow>(query, idList(personIds));
      return Promise.resolve(groupBy(personIds, rows, (row) => row.person_id));
    },
    { maxBatchSize: 1000 },
  );
}

export { IN_ID_LIST };
