import type Database from 'better-sqlite3';
import type { JSONWebKeySet } from 'jose';
import type { AgencyId } from '../../agencies';
import { GENESIS_HASH } from './canonical';
import { checkpointProblem, type CheckpointRow } from './checkpoint';
import { hashOfRow, ROW_COLUMNS, type ChainHead, type DisclosureRow } from './record';
import type { BrokenLink } from './brokenLink';
import { LOG_TABLES, missingTriggers, presentTables } from './schema';
import { verifyOutcomes, verifyReviews } from './verifyReviews';

export type { BreakReason, BrokenLink } from './brokenLink';

export interface ChainReport {
  agency: AgencyId;
  ok: boolean;
  /** Records read before the first break (all of them when ok). */
  checked: number;
  /** The signed checkpoint the remaining chain starts from, when records were purged. */
  anchor: ChainHead | null;
  /** The last record of the chain, or the anchor when the log is empty. */
  head: ChainHead | null;
  /** Reviews of break-the-glass records read before the first break (all of them when ok). */
  reviews: number;
  /** Delivery outcomes (answers never delivered) read before the first break (all of them when ok). */
  outcomes: number;
  broken?: BrokenLink;
}

/**
 * Checks an agency's whole log: every checkpoint's signature, then every record in sequence
 * against its own hash and its predecessor, then the review chain and the chain of delivery
 * outcomes (verifyReviews.ts), then the guards. Reads only, so it runs on a store
 * opened read-only by an auditor. Stops at the first broken link: everything after it is suspect.
 * @param keys - the agency's checkpoint public keys; needed only when records were purged.
 */
export async function verifyChain(db: Database.Database, agency: AgencyId, keys: JSONWebKeySet | null): Promise<ChainReport> {
  const tables = presentTables(db);
  let reviews = 0;
  let outcomes = 0;
  const report = (checked: number, anchor: ChainHead | null, head: ChainHead | null, broken?: BrokenLink): ChainReport => ({
    agency, ok: broken === undefined, checked, anchor, head, reviews, outcomes, ...(broken ? { broken } : {}),
  });
  if (tables.size === 0) return report(0, null, null);
  if (tables.size < LOG_TABLES.length) {
    return report(0, null, null, { reason: 'GUARD_MISSING', seq: null, detail: `log tables missing: only ${[...tables].sort().join(', ')}` });
  }

  const checkpoints = db.prepare('SELECT * FROM disclosure_checkpoint ORDER BY id').all() as CheckpointRow[];
  let anchor: ChainHead | null = null;
  for (const checkpoint of checkpoints) {
    const problem = await checkpointProblem(checkpoint, agency, keys);
    if (problem || (anchor && checkpoint.through_seq <= anchor.seq)) {
      const detail = problem ?? 'checkpoint goes backwards';
      return report(0, anchor, null, { reason: 'BAD_CHECKPOINT', seq: checkpoint.through_seq, detail, checkpointId: checkpoint.id });
    }
    anchor = { seq: checkpoint.through_seq, hash: checkpoint.through_hash };
  }

  let previous: ChainHead = anchor ?? { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const rows = db.prepare(`SELECT ${ROW_COLUMNS.join(', ')} FROM disclosure_log ORDER BY seq`).iterate() as IterableIterator<DisclosureRow>;
  for (const row of rows) {
    checked += 1;
    const broken = linkProblem(row, previous);
    // Returning from for-of closes the statement's iterator, freeing the connection.
    if (broken) return report(checked, anchor, previous, broken);
    previous = { seq: row.seq, hash: row.hash };
  }
  const head = checked > 0 || anchor ? previous : null;
  // Only once the records verify: a review's binding is checked against their hashes.
  const reviewChain = verifyReviews(db, anchor?.seq ?? 0);
  reviews = reviewChain.checked;
  if (reviewChain.broken) return report(checked, anchor, head, reviewChain.broken);
  const outcomeChain = verifyOutcomes(db, anchor?.seq ?? 0);
  outcomes = outcomeChain.checked;
  if (outcomeChain.broken) return report(checked, anchor, head, outcomeChain.broken);

  const missing = missingTriggers(db);
  if (missing.length > 0) return report(checked, anchor, head, { reason: 'GUARD_MISSING', seq: null, detail: `triggers missing: ${missing.join(', ')}` });
  const purge = db.prepare('SELECT through_seq FROM disclosure_purge').get() as { through_seq: number } | undefined;
  if (purge) return report(checked, anchor, head, { reason: 'GUARD_MISSING', seq: purge.through_seq, detail: 'a purge was left open: deletes are not guarded' });
  return report(checked, anchor, head);
}

/** Why `row` does not follow `previous` in the chain, or `null` when it does. */
export function linkProblem(row: DisclosureRow, previous: ChainHead): BrokenLink | null {
  if (row.seq !== previous.seq + 1) {
    const detail = row.seq > previous.seq + 1 ? `records ${previous.seq + 1}..${row.seq - 1} are missing` : `sequence goes back after ${previous.seq}`;
    return { reason: 'MISSING_RECORDS', seq: row.seq, detail, row };
  }
  if (row.prev_hash !== previous.hash) {
    return { reason: 'PREV_HASH_MISMATCH', seq: row.seq, detail: `does not link to record ${previous.seq}`, row };
  }
  if (hashOfRow(row) !== row.hash) {
    return { reason: 'HASH_MISMATCH', seq: row.seq, detail: 'content does not match its hash', row };
  }
  return null;
}
