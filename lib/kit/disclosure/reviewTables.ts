import { chainTriggerNames, chainTriggers } from './chainedTable';

/**
 * The review table of the disclosure log (see review.ts), created with the log's other tables.
 *
 * `seq` names the reviewed record but is deliberately not a FOREIGN KEY: stores run with
 * `foreign_keys = ON`, so a key would make every retention purge of a reviewed record fail.
 * The insert trigger checks the reference instead, at the one moment it must hold: a review may
 * only name a record that is flagged for review, with that record's current hash. A purge later
 * removes the record behind a signed checkpoint and leaves the verdict standing.
 */
export const REVIEW_DDL = `
CREATE TABLE IF NOT EXISTS disclosure_review (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  record_hash TEXT NOT NULL CHECK (length(record_hash) = 64),
  justified INTEGER NOT NULL CHECK (justified IN (0, 1)),
  note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  reviewer_sub TEXT NOT NULL,
  reviewer_name TEXT NOT NULL,
  reviewer_agency TEXT NOT NULL,
  at TEXT NOT NULL,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX IF NOT EXISTS disclosure_review_seq ON disclosure_review (seq, id);

CREATE TRIGGER IF NOT EXISTS disclosure_review_of_flagged_record BEFORE INSERT ON disclosure_review
WHEN NOT EXISTS (SELECT 1 FROM disclosure_log WHERE seq = NEW.seq AND review_required = 1 AND hash = NEW.record_hash)
BEGIN SELECT RAISE(ABORT, 'a review must name a flagged disclosure record and its hash'); END;
${chainTriggers('disclosure_review')}`;

export const REVIEW_GUARD_TRIGGERS = [...chainTriggerNames('disclosure_review'), 'disclosure_review_of_flagged_record'] as const;
