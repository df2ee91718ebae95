import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AgencyId } from '../../agencies';
import type { PersonLinks } from './agencyStore';
import { CLIENT_LINKS_MIGRATION, createSqlitePersonLinks } from './personLinks';
import { openSqliteStore, type SqliteStore } from './sqlite';

/**
 * OneRoof's own store for one agency, beside the agency's data and apart from it: the agency's
 * person links and its disclosure log (lib/kit/disclosure), so that connecting an agency leaves
 * its own database untouched.
 */
export interface OneRoofStore {
  readonly sqlite: SqliteStore;
  readonly links: PersonLinks;
  close(): void;
}

/** `<data>/<agency>.oneroof.sqlite`: OneRoof's own store for the agency. */
export function oneroofStoreFile(dataDir: string, agency: AgencyId): string {
  return path.join(dataDir, `${agency}.oneroof.sqlite`);
}

/** `<data>/<agency>.sqlite`: the agency's data, when OneRoof keeps it (the built-in agencies' SQLite stores). */
export function agencyDataFile(dataDir: string, agency: AgencyId): string {
  return path.join(dataDir, `${agency}.sqlite`);
}

/** Opens (creating and migrating when needed) OneRoof's own store for an agency. */
export function openOneRoofStore(file: string): OneRoofStore {
  const sqlite = openSqliteStore(file, [CLIENT_LINKS_MIGRATION]);
  return { sqlite, links: createSqlitePersonLinks(sqlite), close: () => sqlite.close() };
}

/** A data dir written before OneRoof's own store was kept apart from the agency's data. */
export class OldLayoutError extends Error {
  override name = 'OldLayoutError';
}

/**
 * @throws OldLayoutError when the agency's data file is of the layout before this one, which kept
 *   the person links and the disclosure log inside it: nothing is opened or changed then (a
 *   disclosure log is evidence), and the message says what to do.
 */
export function refuseOldLayout(dataFile: string): void {
  if (!fs.existsSync(dataFile)) return;
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    const old = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('client_links', 'disclosure_log')").all();
    if (old.length === 0) return;
  } finally {
    db.close();
  }
  throw new OldLayoutError(
    `${dataFile} was written by an older OneRoof, which kept the person links and the disclosure log inside the agency's store; ` +
      'they now live in <agency>.oneroof.sqlite beside it. Nothing was changed. A synthetic dataset: run `npm run seed` (or `npm start`, ' +
      'which moves the old dataset aside and generates a new one). A data dir holding real disclosure records: see docs/connecting-an-agency.md, Upgrading a data dir.',
  );
}
