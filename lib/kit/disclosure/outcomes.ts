import type Database from 'better-sqlite3';
import { chainedRowHasher, GENESIS_HASH } from './canonical';
import type { ChainHead } from './record';

/**
 * Why the answer carrying a disclosure never reached the viewer, as the gateway reported it:
 * `NOT_RECEIVED_BY_GATEWAY`: the gateway stopped waiting for this agency (its deadline passed, the
 * connection broke) before the agency's answer arrived; `VIEWER_GONE`: the gateway had the answer,
 * but the viewer's connection was gone before the gateway's answer was written.
 */
export type UndeliveredReason = 'NOT_RECEIVED_BY_GATEWAY' | 'VIEWER_GONE';
export const UNDELIVERED_REASONS: readonly UndeliveredReason[] = ['NOT_RECEIVED_BY_GATEWAY', 'VIEWER_GONE'];

/** One row of `disclosure_outcome` exactly as stored and hashed. */
export interface OutcomeRow {
  id: number;
  /** The disclosure record whose answer was not delivered. */
  seq: number;
  /** That record's hash: the outcome is bound to exactly that content. */
  record_hash: string;
  reason: UndeliveredReason;
  at: string;
  /** The request the record and the gateway's report belong to. */
  request_id: string;
  /** The gateway's id of the subgraph call that carried the answer. */
  fetch_id: string;
  prev_hash: string;
  hash: string;
}

export const OUTCOME_COLUMNS = [
  'id', 'seq', 'record_hash', 'reason', 'at', 'request_id', 'fetch_id', 'prev_hash', 'hash',
] as const satisfies readonly (keyof OutcomeRow)[];

/** A record of this log, as an outcome names it: its place and hash, as a chain's head is named. */
export type RecordRef = ChainHead;

/** The hash an outcome row must carry: the same rule as a disclosure record's. */
export const hashOfOutcome = chainedRowHasher<OutcomeRow>(OUTCOME_COLUMNS);

export interface OutcomeLedger {
  /** Appends one outcome per record, in one transaction, linked in the outcome chain. */
  append(records: readonly RecordRef[], reason: UndeliveredReason, requestId: string, fetchId: string, at: string): OutcomeRow[];
  /** The first outcome of each of the given records that has one, by record seq. */
  of(seqs: readonly number[]): Map<number, OutcomeRow>;
}

/**
 * The delivery-outcome chain of an agency's log, beside the disclosure chain in the same store
 * (outcomeTables.ts). A disclosure record is written before its answer leaves, as it must be (no
 * record, no release); an outcome says afterwards, as a record of its own and never an edit, that
 * the answer did not arrive.
 */
export function openOutcomes(db: Database.Database): OutcomeLedger {
  const columns = OUTCOME_COLUMNS.join(', ');
  const insert = db.prepare(`INSERT INTO disclosure_outcome (${columns}) VALUES (${OUTCOME_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const last = db.prepare('SELECT id AS seq, hash FROM disclosure_outcome ORDER BY id DESC LIMIT 1');
  const bySeqs = db.prepare(`SELECT ${columns} FROM disclosure_outcome WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY id`);
  // Read the head and write in one IMMEDIATE transaction: outcomes are rare, nothing is cached.
  const append = db.transaction((records: readonly RecordRef[], reason: UndeliveredReason, requestId: string, fetchId: string, at: string) => {
    let head = (last.get() as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
    return records.map((record) => {
      const row: OutcomeRow = {
        id: head.seq + 1, seq: record.seq, record_hash: record.hash, reason, at, request_id: requestId, fetch_id: fetchId, prev_hash: head.hash, hash: '',
      };
      row.hash = hashOfOutcome(row);
      insert.run(row);
      head = { seq: row.id, hash: row.hash };
      return row;
    });
  });
  return {
    append: (records, reason, requestId, fetchId, at) => append.immediate(records, reason, requestId, fetchId, at),
    of: (seqs) => {
      const found = new Map<number, OutcomeRow>();
      if (seqs.length === 0) return found;
      for (const row of bySeqs.all(JSON.stringify(seqs)) as OutcomeRow[]) if (!found.has(row.seq)) found.set(row.seq, row);
      return found;
    },
  };
}
