import type Database from 'better-sqlite3';
import type { RequestContext } from '../../viewer';
import { chainedRowHasher, GENESIS_HASH } from './canonical';
import type { ChainHead } from './record';

/**
 * One row of `disclosure_review` exactly as stored and hashed: a reviewer's verdict on one
 * break-the-glass record. A verdict is never edited; a second opinion is a second row.
 */
export interface ReviewRow {
  id: number;
  /** The reviewed disclosure record. */
  seq: number;
  /** That record's hash when it was reviewed: the verdict is bound to exactly that content. */
  record_hash: string;
  justified: 0 | 1;
  note: string;
  reviewer_sub: string;
  reviewer_name: string;
  reviewer_agency: string;
  at: string;
  request_id: string;
  prev_hash: string;
  hash: string;
}

export const REVIEW_COLUMNS = [
  'id', 'seq', 'record_hash', 'justified', 'note', 'reviewer_sub', 'reviewer_name', 'reviewer_agency', 'at', 'request_id', 'prev_hash', 'hash',
] as const satisfies readonly (keyof ReviewRow)[];

/** A review as the API hands it out. */
export interface DisclosureReviewRecord {
  id: number;
  seq: number;
  recordHash: string;
  justified: boolean;
  note: string;
  reviewer: { sub: string; name: string; agency: string };
  at: string;
  requestId: string;
  hash: string;
}

export interface ReviewVerdict {
  justified: boolean;
  /** Why; required, at most `MAX_REVIEW_NOTE` characters. */
  note: string;
}

export const MAX_REVIEW_NOTE = 2000;

/** The record named is not a break-the-glass record of this log (or does not exist). */
export class NotReviewableError extends Error {
  override name = 'NotReviewableError';
}

/** The hash a review row must carry: the same rule as a disclosure record's. */
export const hashOfReview = chainedRowHasher<ReviewRow>(REVIEW_COLUMNS);

export function toReview(row: ReviewRow): DisclosureReviewRecord {
  return {
    id: row.id,
    seq: row.seq,
    recordHash: row.record_hash,
    justified: row.justified === 1,
    note: row.note,
    reviewer: { sub: row.reviewer_sub, name: row.reviewer_name, agency: row.reviewer_agency },
    at: row.at,
    requestId: row.request_id,
    hash: row.hash,
  };
}

/** What the review API of one agency's log offers; see `openReviews`. */
export interface ReviewLedger {
  /** Appends a verdict on record `seq`. @throws NotReviewableError unless `seq` is a flagged record. */
  append(seq: number, verdict: ReviewVerdict, request: RequestContext, at: string): DisclosureReviewRecord;
  /** Reviews of the given records, oldest first, by record seq. */
  of(seqs: readonly number[]): Map<number, DisclosureReviewRecord[]>;
  /** Seqs of flagged records that no review covers yet. */
  pendingSeqs(): number[];
}

/**
 * The review chain of an agency's log, beside the disclosure chain in the same store. Each review
 * links to the previous review (`prev_hash`) and names the record it judges by seq and hash, so
 * editing a verdict, or the record after its review, breaks a chain `verifyChain` checks. The
 * store's triggers (schema.ts) refuse updates, deletes and inserts out of order.
 */
export function openReviews(db: Database.Database): ReviewLedger {
  const columns = REVIEW_COLUMNS.join(', ');
  const insert = db.prepare(`INSERT INTO disclosure_review (${columns}) VALUES (${REVIEW_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const last = db.prepare('SELECT id AS seq, hash FROM disclosure_review ORDER BY id DESC LIMIT 1');
  const flagged = db.prepare('SELECT hash FROM disclosure_log WHERE seq = ? AND review_required = 1');
  const bySeqs = db.prepare(`SELECT ${columns} FROM disclosure_review WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const pending = db.prepare(
    'SELECT seq FROM disclosure_log l WHERE review_required = 1 AND NOT EXISTS (SELECT 1 FROM disclosure_review r WHERE r.seq = l.seq) ORDER BY seq',
  );
  // Read head and write in one IMMEDIATE transaction: reviews are rare, so nothing is cached.
  const append = db.transaction((seq: number, verdict: ReviewVerdict, request: RequestContext, at: string): ReviewRow => {
    const record = flagged.get(seq) as { hash: string } | undefined;
    if (!record) throw new NotReviewableError(`record ${seq} is not a break-the-glass record`);
    const head = (last.get() as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
    const row: ReviewRow = {
      id: head.seq + 1,
      seq,
      record_hash: record.hash,
      justified: verdict.justified ? 1 : 0,
      note: verdict.note,
      reviewer_sub: request.viewer.sub,
      reviewer_name: request.viewer.name,
      reviewer_agency: request.viewer.agency,
      at,
      request_id: request.requestId,
      prev_hash: head.hash,
      hash: '',
    };
    row.hash = hashOfReview(row);
    insert.run(row);
    return row;
  });
  return {
    append: (seq, verdict, request, at) => toReview(append.immediate(seq, verdict, request, at)),
    of: (seqs) => {
      const found = new Map<number, DisclosureReviewRecord[]>(seqs.map((seq) => [seq, []]));
      if (seqs.length === 0) return found;
      for (const row of bySeqs.all(JSON.stringify(seqs)) as ReviewRow[]) found.get(row.seq)?.push(toReview(row));
      return found;
    },
    pendingSeqs: () => (pending.all() as { seq: number }[]).map((r) => r.seq),
  };
}
