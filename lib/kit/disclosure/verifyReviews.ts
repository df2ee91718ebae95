import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './canonical';
import { hashOfOutcome, OUTCOME_COLUMNS, type OutcomeRow } from './outcomes';
import type { ChainHead } from './record';
import { hashOfReview, REVIEW_COLUMNS, type ReviewRow } from './review';
import type { BrokenLink } from './brokenLink';

export interface ReviewChainResult {
  checked: number;
  broken?: BrokenLink;
}

/** What every row of a chain beside the disclosure chain has: its place, its link and the record it names. */
interface SideRow {
  id: number;
  seq: number;
  record_hash: string;
  prev_hash: string;
  hash: string;
}

interface RecordRef {
  hash: string;
  review_required: number;
}

/** One chain beside the disclosure chain: reviews of break-the-glass records, delivery outcomes. */
interface SideChain<Row extends SideRow> {
  table: string;
  columns: readonly string[];
  noun: 'review' | 'outcome';
  hashOf(row: Row): string;
  /** Whether a review may name this record at all (only flagged ones); outcomes name any. */
  flaggedOnly: boolean;
  located(row: Row): Pick<BrokenLink, 'reviewId' | 'review' | 'outcomeId' | 'outcome'>;
}

const REVIEWS: SideChain<ReviewRow> = {
  table: 'disclosure_review', columns: REVIEW_COLUMNS, noun: 'review', hashOf: hashOfReview, flaggedOnly: true,
  located: (row) => ({ reviewId: row.id, review: row }),
};

const OUTCOMES: SideChain<OutcomeRow> = {
  table: 'disclosure_outcome', columns: OUTCOME_COLUMNS, noun: 'outcome', hashOf: hashOfOutcome, flaggedOnly: false,
  located: (row) => ({ outcomeId: row.id, outcome: row }),
};

/**
 * Checks a chain beside the disclosure chain: ids without gaps from 1, each row linked to the one
 * before and matching its own hash, and each row naming a record still in the log bound to that
 * record's current hash (and, for reviews, its flag): a record edited after a review or an
 * outcome, or a review of an unflagged record, breaks here even if someone recomputed the
 * disclosure chain. Rows naming records purged behind a checkpoint (`seq <= purgedThrough`) are
 * checked as links only.
 */
function verifySideChain<Row extends SideRow>(db: Database.Database, chain: SideChain<Row>, purgedThrough: number): ReviewChainResult {
  const record = db.prepare('SELECT hash, review_required FROM disclosure_log WHERE seq = ?');
  const rows = db.prepare(`SELECT ${chain.columns.join(', ')} FROM ${chain.table} ORDER BY id`).iterate() as IterableIterator<Row>;
  const broken = (row: Row, reason: BrokenLink['reason'], detail: string): BrokenLink => ({
    reason, seq: null, detail: `${chain.noun} #${row.id}: ${detail}`, ...chain.located(row),
  });
  let previous: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (const row of rows) {
    checked += 1;
    const problem = linkProblem(row, previous, chain, broken) ?? bindingProblem(row, purgedThrough, record.get(row.seq) as RecordRef | undefined, chain, broken);
    if (problem) return { checked, broken: problem };
    previous = { seq: row.id, hash: row.hash };
  }
  return { checked };
}

type Broken<Row> = (row: Row, reason: BrokenLink['reason'], detail: string) => BrokenLink;

function linkProblem<Row extends SideRow>(row: Row, previous: ChainHead, chain: SideChain<Row>, broken: Broken<Row>): BrokenLink | null {
  if (row.id !== previous.seq + 1) {
    return broken(row, 'MISSING_RECORDS', row.id > previous.seq + 1 ? `${chain.noun}s ${previous.seq + 1}..${row.id - 1} are missing` : 'ids go back');
  }
  if (row.prev_hash !== previous.hash) return broken(row, 'PREV_HASH_MISMATCH', `does not link to ${chain.noun} #${previous.seq}`);
  if (chain.hashOf(row) !== row.hash) return broken(row, 'HASH_MISMATCH', 'content does not match its hash');
  return null;
}

function bindingProblem<Row extends SideRow>(row: Row, purgedThrough: number, record: RecordRef | undefined, chain: SideChain<Row>, broken: Broken<Row>): BrokenLink | null {
  if (row.seq <= purgedThrough) return null;
  if (!record) return broken(row, 'REVIEW_UNLINKED', `record ${row.seq} it ${chain.noun === 'review' ? 'judges' : 'names'} is missing`);
  if (chain.flaggedOnly && record.review_required !== 1) return broken(row, 'REVIEW_UNLINKED', `record ${row.seq} was not flagged for review`);
  if (record.hash !== row.record_hash) return broken(row, 'REVIEW_UNLINKED', `record ${row.seq} differs from the one ${chain.noun === 'review' ? 'reviewed' : 'named'}`);
  return null;
}

/** The review chain of break-the-glass records (review.ts). */
export function verifyReviews(db: Database.Database, purgedThrough: number): ReviewChainResult {
  return verifySideChain(db, REVIEWS, purgedThrough);
}

/** The chain of delivery outcomes (outcomes.ts). */
export function verifyOutcomes(db: Database.Database, purgedThrough: number): ReviewChainResult {
  return verifySideChain(db, OUTCOMES, purgedThrough);
}
