import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './canonical';
import type { ChainHead } from './record';
import { hashOfReview, REVIEW_COLUMNS, type ReviewRow } from './review';
import type { BrokenLink } from './brokenLink';

export interface ReviewChainResult {
  checked: number;
  broken?: BrokenLink;
}

/**
 * Checks the review chain: ids without gaps from 1, each review linked to the one before and
 * matching its own hash, and each review of a record still in the log bound to that record's
 * current hash and flag (a record edited after its review, or a review of an unflagged record,
 * breaks here even if someone recomputed the disclosure chain). Reviews of records purged
 * behind a checkpoint (`seq <= purgedThrough`) are checked as links only.
 */
export function verifyReviews(db: Database.Database, purgedThrough: number): ReviewChainResult {
  const record = db.prepare('SELECT hash, review_required FROM disclosure_log WHERE seq = ?');
  const rows = db.prepare(`SELECT ${REVIEW_COLUMNS.join(', ')} FROM disclosure_review ORDER BY id`).iterate() as IterableIterator<ReviewRow>;
  let previous: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (const row of rows) {
    checked += 1;
    const broken = reviewProblem(row, previous) ?? bindingProblem(row, purgedThrough, record.get(row.seq) as RecordRef | undefined);
    if (broken) return { checked, broken };
    previous = { seq: row.id, hash: row.hash };
  }
  return { checked };
}

interface RecordRef {
  hash: string;
  review_required: number;
}

function broken(row: ReviewRow, reason: BrokenLink['reason'], detail: string): BrokenLink {
  return { reason, seq: null, reviewId: row.id, detail: `review #${row.id}: ${detail}`, review: row };
}

function reviewProblem(row: ReviewRow, previous: ChainHead): BrokenLink | null {
  if (row.id !== previous.seq + 1) {
    return broken(row, 'MISSING_RECORDS', row.id > previous.seq + 1 ? `reviews ${previous.seq + 1}..${row.id - 1} are missing` : 'ids go back');
  }
  if (row.prev_hash !== previous.hash) return broken(row, 'PREV_HASH_MISMATCH', `does not link to review #${previous.seq}`);
  if (hashOfReview(row) !== row.hash) return broken(row, 'HASH_MISMATCH', 'content does not match its hash');
  return null;
}

function bindingProblem(row: ReviewRow, purgedThrough: number, record: RecordRef | undefined): BrokenLink | null {
  if (row.seq <= purgedThrough) return null;
  if (!record) return broken(row, 'REVIEW_UNLINKED', `record ${row.seq} it judges is missing`);
  if (record.review_required !== 1) return broken(row, 'REVIEW_UNLINKED', `record ${row.seq} was not flagged for review`);
  if (record.hash !== row.record_hash) return broken(row, 'REVIEW_UNLINKED', `record ${row.seq} differs from the one reviewed`);
  return null;
}
