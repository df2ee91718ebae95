import type { OutcomeRow } from './outcomes';
import type { DisclosureRow } from './record';
import type { ReviewRow } from './review';

/** Where and why a disclosure log's chain, its review chain or its chain of delivery outcomes breaks (`verifyChain`). */
export type BreakReason =
  /** The row's content no longer gives its hash: it was edited. */
  | 'HASH_MISMATCH'
  /** The row does not link to the one before it: a row was replaced, or rows reordered. */
  | 'PREV_HASH_MISMATCH'
  /** Sequence numbers jump: rows before this one were deleted. */
  | 'MISSING_RECORDS'
  /** A checkpoint is forged, altered, or cannot be verified. */
  | 'BAD_CHECKPOINT'
  /** An append-only guard (trigger) is gone, a purge was left open, or a log table is missing. */
  | 'GUARD_MISSING'
  /** A review or a delivery outcome names a record that is gone, not flagged (reviews), or no longer the one named. */
  | 'REVIEW_UNLINKED';

export interface BrokenLink {
  reason: BreakReason;
  /** The first record that breaks the chain; `null` when the problem is not one record. */
  seq: number | null;
  detail: string;
  /** The record as stored (names and ids only, never person data values). */
  row?: DisclosureRow;
  checkpointId?: number;
  /** Set when the break is in the review chain: the first review that breaks it. */
  reviewId?: number;
  review?: ReviewRow;
  /** Set when the break is in the chain of delivery outcomes: the first outcome that breaks it. */
  outcomeId?: number;
  outcome?: OutcomeRow;
}
