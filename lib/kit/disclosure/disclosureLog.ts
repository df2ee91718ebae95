import type Database from 'better-sqlite3';
import type { JSONWebKeySet } from 'jose';
import type { AgencyId } from '../../agencies';
import type { ClientLedger } from '../../policy/access';
import { GENESIS_HASH } from './canonical';
import type { CheckpointSigner } from './checkpoint';
import { ROW_COLUMNS, rowsFromLedger, toRecord, type ChainHead, type DisclosureRecord, type DisclosureRow } from './record';
import { purgeLogPrefix, retentionCutoff, type PurgeResult } from './retention';
import { ensureDisclosureSchema } from './schema';
import { recentByCall } from './callMemory';
import { openOutcomes, type OutcomeRow, type RecordRef, type UndeliveredReason } from './outcomes';
import { MAX_REVIEW_NOTE, openReviews, type DisclosureReviewRecord, type ReviewVerdict } from './review';
import { verifyChain, type ChainReport } from './verifyChain';
import type { RequestContext } from '../../viewer';
import { log } from '../../log';

/**
 * Records one request's decisions in the agency's own disclosure log. Throwing withholds the whole
 * response: data whose disclosure cannot be recorded is not released.
 */
export type DisclosureSink = (request: RequestContext, agency: AgencyId, ledger: ReadonlyMap<string, ClientLedger>) => void;

/**
 * Records one request's decisions together with those of the other requests that finish at the
 * same moment (a group commit): resolves once the records are written, rejects (with a
 * `DisclosureLogError`) when they are not, so the caller withholds the response.
 */
export type DisclosureRecorder = (request: RequestContext, agency: AgencyId, ledger: ReadonlyMap<string, ClientLedger>) => Promise<void>;

export interface DisclosureLogOptions {
  /** Clock for record and checkpoint times; default `() => new Date()`. */
  now?: () => Date;
  /** Public keys `verify()` checks checkpoints with; default none, so a purged log does not verify. */
  checkpointKeys?: JSONWebKeySet;
  /** The agency's retention period in days, used by `purgeExpired`; default none: keep every record. */
  retentionDays?: number;
}

export interface DisclosureLog {
  readonly agency: AgencyId;
  /** Writes one request's ledger at once: throws when the record is not written. */
  readonly sink: DisclosureSink;
  /**
   * Writes one request's ledger in the next group commit (`useDisclosureLog` does, before the
   * response leaves): one transaction for every request that reached it in the same turn of the
   * event loop, each request's records together and in order.
   */
  readonly record: DisclosureRecorder;
  /** Checks the whole chain; see `verifyChain`. @param keys - default `options.checkpointKeys`. */
  verify(keys?: JSONWebKeySet): Promise<ChainReport>;
  /** Purges the prefix of records older than `isoTime` behind a signed checkpoint. */
  purgeBefore(isoTime: string, signer: CheckpointSigner): Promise<PurgeResult>;
  /** `purgeBefore` at `now - retentionDays`; purges nothing when no retention is configured. */
  purgeExpired(signer: CheckpointSigner): Promise<PurgeResult>;
  /** A client's records in order; `null`: values reached without a client. */
  list(clientId: string | null): DisclosureRecord[];
  /** Break-the-glass records (an EMERGENCY basis), oldest first, for review. */
  reviewQueue(): DisclosureRecord[];
  /** The break-the-glass records no review covers yet, oldest first. */
  pendingReview(): DisclosureRecord[];
  /**
   * Records a reviewer's verdict on break-the-glass record `seq` as a new, hash-chained review
   * (the record itself is never touched). @throws NotReviewableError for any other seq;
   * RangeError for an empty or over-long note.
   */
  review(seq: number, verdict: ReviewVerdict, reviewer: RequestContext): DisclosureReviewRecord;
  /** The reviews of the given records, oldest first, by record seq. */
  reviewsOf(seqs: readonly number[]): Map<number, DisclosureReviewRecord[]>;
  /**
   * Records that the answer of the gateway's call `fetchId` never reached the viewer: one outcome per
   * record this process wrote for that call. A report that comes before the records (the agency
   * was still at work) is kept for a while (callMemory.ts) and applied when they are written.
   * @returns the outcomes written now.
   */
  recordUndelivered(fetchId: string, reason: UndeliveredReason, requestId: string): number;
  /** The delivery outcome of each of the given records that has one, by record seq. */
  outcomesOf(seqs: readonly number[]): Map<number, OutcomeRow>;
}

/** The log could not be written: the caller must withhold the response. Carries no values. */
export class DisclosureLogError extends Error {
  override name = 'DisclosureLogError';
}

/**
 * Opens the agency's disclosure log in its own store, creating the log's tables when absent.
 * Assumes this process is the only writer of the store (one process per agency): the chain's
 * head is read once and then kept in memory, and re-read after any failed write. A second writer
 * cannot fork the chain, because `seq` is the primary key: its conflicting write fails instead.
 * @param db - the agency's open store (`SqliteStore.db`).
 */
export function openDisclosureLog(db: Database.Database, agency: AgencyId, options: DisclosureLogOptions = {}): DisclosureLog {
  ensureDisclosureSchema(db);
  const now = options.now ?? (() => new Date());
  const columns = ROW_COLUMNS.join(', ');
  const insert = db.prepare(`INSERT INTO disclosure_log (${columns}) VALUES (${ROW_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const lastRow = db.prepare('SELECT seq, hash FROM disclosure_log ORDER BY seq DESC LIMIT 1');
  const lastCheckpoint = db.prepare('SELECT through_seq AS seq, through_hash AS hash FROM disclosure_checkpoint ORDER BY through_seq DESC LIMIT 1');
  const byClient = db.prepare(`SELECT ${columns} FROM disclosure_log WHERE client_id IS ? ORDER BY seq`);
  const flagged = db.prepare(`SELECT ${columns} FROM disclosure_log WHERE review_required = 1 ORDER BY seq`);
  const bySeqs = db.prepare(`SELECT ${columns} FROM disclosure_log WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq`);
  const reviews = openReviews(db);
  const outcomes = openOutcomes(db);
  const clock = () => now().getTime();
  /** The records each recent call wrote, and the reports of undelivered calls that came before their records. */
  const written = recentByCall<RecordRef[]>(clock);
  const early = recentByCall<{ reason: UndeliveredReason; requestId: string }>(clock);
  const undelivered = (fetchId: string, records: RecordRef[], reason: UndeliveredReason, requestId: string) =>
    outcomes.append(records, reason, requestId, fetchId, now().toISOString()).length;
  /** After a call's records are written: marks them at once if the gateway already reported the call undelivered. */
  const remember = (fetchId: string, rows: readonly DisclosureRow[]) => {
    const records = rows.map((row) => ({ seq: row.seq, hash: row.hash }));
    const reported = early.take(fetchId);
    if (!reported) return written.set(fetchId, records);
    try {
      undelivered(fetchId, records, reported.reason, reported.requestId);
    } catch (error) {
      // The records stand and the answer was not delivered anyway: nothing to withhold.
      log.error('delivery outcome not recorded', { agency, requestId: reported.requestId, kind: (error as Error).name });
    }
  };
  const append = db.transaction((rows: DisclosureRow[]) => {
    for (const row of rows) insert.run(row);
  });

  const readHead = (): ChainHead =>
    (lastRow.get() as ChainHead | undefined) ?? (lastCheckpoint.get() as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
  let head: ChainHead | null = readHead();

  /** Writes the ledgers of one or more requests, in order, in one transaction. */
  const write = (requests: readonly { request: RequestContext; ledger: ReadonlyMap<string, ClientLedger> }[]) => {
    try {
      const time = now().toISOString();
      const rows: DisclosureRow[] = [];
      const byRequest: { request: RequestContext; rows: DisclosureRow[] }[] = [];
      let at = head ?? readHead();
      for (const { request, ledger } of requests) {
        const own = rowsFromLedger(request, ledger, time, at);
        if (own.length > 0) at = { seq: own[own.length - 1]!.seq, hash: own[own.length - 1]!.hash };
        rows.push(...own);
        byRequest.push({ request, rows: own });
      }
      if (rows.length === 0) return;
      // IMMEDIATE takes the write lock up front: no upgrade deadlock with a reader turning writer.
      append.immediate(rows);
      head = at;
      for (const { request, rows: own } of byRequest) if (request.fetchId && own.length > 0) remember(request.fetchId, own);
    } catch (error) {
      // The write may have failed because the store changed under us: trust nothing cached.
      head = null;
      throw new DisclosureLogError('disclosure record could not be written', { cause: error });
    }
  };
  const ownLedger = (ledgerAgency: AgencyId) => {
    if (ledgerAgency !== agency) throw new DisclosureLogError(`ledger of ${ledgerAgency} sent to the log of ${agency}`);
  };
  const sink: DisclosureSink = (request, ledgerAgency, ledger) => {
    ownLedger(ledgerAgency);
    write([{ request, ledger }]);
  };

  // Group commit: the requests that reach their write in one turn of the event loop share one
  // transaction (BEGIN and COMMIT cost more than a row); each is released only once it is written.
  type Pending = { request: RequestContext; ledger: ReadonlyMap<string, ClientLedger>; done: (error?: unknown) => void };
  let pending: Pending[] = [];
  const commit = () => {
    const batch = pending;
    pending = [];
    try {
      write(batch);
    } catch (error) {
      for (const entry of batch) entry.done(error);
      return;
    }
    for (const entry of batch) entry.done();
  };
  const record: DisclosureRecorder = (request, ledgerAgency, ledger) =>
    new Promise<void>((resolve, reject) => {
      ownLedger(ledgerAgency);
      if (pending.length === 0) setImmediate(commit);
      pending.push({ request, ledger, done: (error) => (error === undefined ? resolve() : reject(error)) });
    });

  const purgeBefore = (isoTime: string, signer: CheckpointSigner) => purgeLogPrefix(db, agency, isoTime, signer, now());
  return {
    agency,
    sink,
    record,
    verify: (keys = options.checkpointKeys) => verifyChain(db, agency, keys ?? null),
    purgeBefore,
    purgeExpired: async (signer) =>
      options.retentionDays === undefined
        ? { purged: 0, checkpoint: null }
        : purgeBefore(retentionCutoff(options.retentionDays, now()), signer),
    list: (clientId) => (byClient.all(clientId === '' ? null : clientId) as DisclosureRow[]).map(toRecord),
    reviewQueue: () => (flagged.all() as DisclosureRow[]).map(toRecord),
    pendingReview: () => (bySeqs.all(JSON.stringify(reviews.pendingSeqs())) as DisclosureRow[]).map(toRecord),
    review: (seq, verdict, reviewer) => {
      const note = verdict.note.trim();
      if (note.length === 0 || note.length > MAX_REVIEW_NOTE) throw new RangeError(`a review note has 1 to ${MAX_REVIEW_NOTE} characters`);
      return reviews.append(seq, { justified: verdict.justified, note }, reviewer, now().toISOString());
    },
    reviewsOf: (seqs) => reviews.of(seqs),
    recordUndelivered: (fetchId, reason, requestId) => {
      const records = written.take(fetchId);
      if (records) return undelivered(fetchId, records, reason, requestId);
      early.set(fetchId, { reason, requestId });
      return 0;
    },
    outcomesOf: (seqs) => outcomes.of(seqs),
  };
}
