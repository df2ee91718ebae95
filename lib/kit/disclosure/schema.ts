import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './canonical';
import { OUTCOME_DDL, OUTCOME_GUARD_TRIGGERS } from './outcomeTables';
import { REVIEW_DDL, REVIEW_GUARD_TRIGGERS } from './reviewTables';

/**
 * The disclosure log's own tables, created beside the agency's data in the agency's store file.
 * They are platform tables, not part of the agency's versioned migrations: every agency gets the
 * same log whatever it keeps, and `CREATE ... IF NOT EXISTS` makes opening idempotent.
 *
 * Append-only is enforced by the store, not by the code that writes it:
 * - a record may only be inserted as the next link of the chain (this also stops INSERT OR
 *   REPLACE, whose implicit delete fires no delete trigger);
 * - `disclosure_log` refuses every UPDATE, and every DELETE except of rows already covered by a
 *   checkpoint while that checkpoint's purge is in progress;
 * - `disclosure_purge` is that one explicit path: a one-row control table whose row (the sequence
 *   number the purge goes up to) may only name an existing checkpoint. `purgeLogPrefix` inserts
 *   it, deletes the prefix, and removes it again inside a single transaction, so the row is never
 *   visible outside the purge and a crash rolls all three back together;
 * - `disclosure_checkpoint` (the signed record of each purge) refuses UPDATE and DELETE.
 * Triggers stop the application and anyone using SQL by mistake; someone with write access to the
 * file can drop them, which is what the hash chain and the checkpoint signatures detect.
 */
export const DISCLOSURE_LOG_DDL = `
CREATE TABLE IF NOT EXISTS disclosure_log (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  request_id TEXT NOT NULL,
  viewer_sub TEXT NOT NULL,
  viewer_name TEXT NOT NULL,
  viewer_agency TEXT NOT NULL,
  viewer_roles TEXT NOT NULL CHECK (json_valid(viewer_roles)),
  purpose TEXT NOT NULL,
  conference_id TEXT,
  emergency_reason TEXT,
  client_id TEXT,
  granted TEXT NOT NULL CHECK (json_valid(granted)),
  denied TEXT NOT NULL CHECK (json_valid(denied)),
  fields TEXT NOT NULL CHECK (json_valid(fields)),
  review_required INTEGER NOT NULL CHECK (review_required IN (0, 1)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX IF NOT EXISTS disclosure_log_client ON disclosure_log (client_id, seq);
CREATE INDEX IF NOT EXISTS disclosure_log_review ON disclosure_log (review_required, seq);
CREATE INDEX IF NOT EXISTS disclosure_log_time ON disclosure_log (time);

CREATE TABLE IF NOT EXISTS disclosure_checkpoint (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  through_seq INTEGER NOT NULL UNIQUE,
  through_hash TEXT NOT NULL CHECK (length(through_hash) = 64),
  purged_before TEXT NOT NULL,
  purged_count INTEGER NOT NULL,
  jws TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS disclosure_purge (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_seq INTEGER NOT NULL
) STRICT;

-- REPLACE deletes without firing delete triggers, so inserts are guarded too: a record may only
-- extend the chain at its end, linked to the current last record (or checkpoint).
CREATE TRIGGER IF NOT EXISTS disclosure_log_append_at_end BEFORE INSERT ON disclosure_log
WHEN NEW.seq IS NOT 1 + COALESCE((SELECT MAX(seq) FROM disclosure_log), (SELECT MAX(through_seq) FROM disclosure_checkpoint), 0)
  OR NEW.prev_hash IS NOT COALESCE(
    (SELECT hash FROM disclosure_log ORDER BY seq DESC LIMIT 1),
    (SELECT through_hash FROM disclosure_checkpoint ORDER BY through_seq DESC LIMIT 1),
    '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'disclosure_log grows only at its end'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_log_no_update BEFORE UPDATE ON disclosure_log
BEGIN SELECT RAISE(ABORT, 'disclosure_log is append-only'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_log_no_delete BEFORE DELETE ON disclosure_log
WHEN NOT EXISTS (SELECT 1 FROM disclosure_purge WHERE id = 1 AND OLD.seq <= through_seq)
BEGIN SELECT RAISE(ABORT, 'disclosure_log is append-only: records leave only through a checkpointed purge'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_purge_needs_checkpoint BEFORE INSERT ON disclosure_purge
WHEN NOT EXISTS (SELECT 1 FROM disclosure_checkpoint WHERE through_seq = NEW.through_seq)
BEGIN SELECT RAISE(ABORT, 'a purge must name a checkpoint'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_purge_no_update BEFORE UPDATE ON disclosure_purge
BEGIN SELECT RAISE(ABORT, 'a purge cannot be widened'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_checkpoint_append_only BEFORE INSERT ON disclosure_checkpoint
WHEN EXISTS (SELECT 1 FROM disclosure_checkpoint WHERE id = NEW.id OR through_seq >= NEW.through_seq)
BEGIN SELECT RAISE(ABORT, 'disclosure_checkpoint grows only forwards'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_checkpoint_no_update BEFORE UPDATE ON disclosure_checkpoint
BEGIN SELECT RAISE(ABORT, 'disclosure_checkpoint is append-only'); END;

CREATE TRIGGER IF NOT EXISTS disclosure_checkpoint_no_delete BEFORE DELETE ON disclosure_checkpoint
BEGIN SELECT RAISE(ABORT, 'disclosure_checkpoint is append-only'); END;
${REVIEW_DDL}
${OUTCOME_DDL}`;

/** The triggers verification expects; a missing one means someone removed a guard. */
export const GUARD_TRIGGERS = [
  'disclosure_log_append_at_end',
  'disclosure_checkpoint_append_only',
  'disclosure_log_no_update',
  'disclosure_log_no_delete',
  'disclosure_purge_needs_checkpoint',
  'disclosure_purge_no_update',
  'disclosure_checkpoint_no_update',
  'disclosure_checkpoint_no_delete',
  ...REVIEW_GUARD_TRIGGERS,
  ...OUTCOME_GUARD_TRIGGERS,
] as const;

/** Creates the log's tables, indexes and triggers when absent, in one transaction. */
export function ensureDisclosureSchema(db: Database.Database): void {
  db.transaction(() => db.exec(DISCLOSURE_LOG_DDL))();
}

/** Every table of the log; a store that has some but not all of them lost one. */
export const LOG_TABLES = ['disclosure_log', 'disclosure_checkpoint', 'disclosure_purge', 'disclosure_review', 'disclosure_outcome'] as const;

/** The log's tables present in a store, for a read-only verifier that must not create them. */
export function presentTables(db: Database.Database): Set<string> {
  const rows = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${LOG_TABLES.map((t) => `'${t}'`).join(', ')})`)
    .all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/** The guard triggers missing from a store. */
export function missingTriggers(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
  const present = new Set(rows.map((r) => r.name));
  return GUARD_TRIGGERS.filter((name) => !present.has(name));
}
