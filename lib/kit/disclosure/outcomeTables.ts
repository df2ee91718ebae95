import { chainTriggerNames, chainTriggers } from './chainedTable';

/**
 * The table of delivery outcomes (see outcomes.ts), created with the log's other tables: one row per
 * disclosure record whose answer the gateway reported it never delivered. Like a review, an outcome
 * names its record by `seq` and `record_hash` without a FOREIGN KEY (a retention purge removes the
 * record and leaves the outcome), is checked against the record by a trigger when it is written,
 * and forms a hash chain of its own that refuses updates, deletes and inserts out of order.
 */
export const OUTCOME_DDL = `
CREATE TABLE IF NOT EXISTS disclosure_outcome (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  record_hash TEXT NOT NULL CHECK (length(record_hash) = 64),
  reason TEXT NOT NULL CHECK (reason IN ('NOT_RECEIVED_BY_GATEWAY', 'VIEWER_GONE')),
  at TEXT NOT NULL,
  request_id TEXT NOT NULL,
  fetch_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX IF NOT EXISTS disclosure_outcome_seq ON disclosure_outcome (seq, id);

CREATE TRIGGER IF NOT EXISTS disclosure_outcome_of_record BEFORE INSERT ON disclosure_outcome
WHEN NOT EXISTS (SELECT 1 FROM disclosure_log WHERE seq = NEW.seq AND hash = NEW.record_hash)
BEGIN SELECT RAISE(ABORT, 'an outcome must name a disclosure record and its hash'); END;
${chainTriggers('disclosure_outcome')}`;

export const OUTCOME_GUARD_TRIGGERS = [...chainTriggerNames('disclosure_outcome'), 'disclosure_outcome_of_record'] as const;
