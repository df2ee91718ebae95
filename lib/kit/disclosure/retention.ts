import type Database from 'better-sqlite3';
import type { AgencyId } from '../../agencies';
import { log } from '../../log';
import { GENESIS_HASH } from './canonical';
import type { CheckpointPayload, CheckpointSigner } from './checkpoint';
import { ROW_COLUMNS, type ChainHead, type DisclosureRow } from './record';
import { linkProblem } from './verifyChain';

export interface PurgeResult {
  /** Records removed; 0 when nothing was old enough. */
  purged: number;
  /** The signed checkpoint written for this purge, `null` when nothing was purged. */
  checkpoint: CheckpointPayload | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The cut-off for a retention period: records older than `days` before `now` may go. */
export function retentionCutoff(days: number, now: Date): string {
  if (!Number.isFinite(days) || days <= 0) throw new RangeError('retention must be a positive number of days');
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/**
 * Purges the records older than `before`, but only as a whole prefix of the chain: it stops at the
 * first record that is not old enough, even if later ones are (a clock set back), so what remains
 * is always one unbroken chain. The last purged record's seq and hash are signed into a
 * checkpoint first (signing is async, the transaction must not be), and the transaction checks
 * that record is unchanged before deleting through the `disclosure_purge` path (see schema.ts).
 * A prefix that does not verify is never purged. The checkpoint row is the audit of the purge.
 */
export async function purgeLogPrefix(
  db: Database.Database,
  agency: AgencyId,
  before: string,
  signer: CheckpointSigner,
  now: Date,
): Promise<PurgeResult> {
  const cutoff = new Date(before);
  if (Number.isNaN(cutoff.getTime())) throw new RangeError('purge cut-off must be an ISO date-time');
  if (cutoff.getTime() > now.getTime()) throw new RangeError('purge cut-off lies in the future');
  const purgedBefore = cutoff.toISOString();

  const first = db.prepare('SELECT MIN(seq) AS seq FROM disclosure_log').get() as { seq: number | null };
  if (first.seq === null) return { purged: 0, checkpoint: null };
  const keep = db.prepare('SELECT MIN(seq) AS seq FROM disclosure_log WHERE time >= ?').get(purgedBefore) as { seq: number | null };
  const last = db
    .prepare('SELECT seq, hash FROM disclosure_log WHERE seq < ? ORDER BY seq DESC LIMIT 1')
    .get(keep.seq ?? Number.MAX_SAFE_INTEGER) as { seq: number; hash: string } | undefined;
  if (!last) return { purged: 0, checkpoint: null };
  // Signing over a tampered prefix and then deleting it would launder the evidence.
  assertIntactPrefix(db, last.seq);

  const payload: CheckpointPayload = {
    agency,
    time: now.toISOString(),
    throughSeq: last.seq,
    throughHash: last.hash,
    purgedBefore,
    purgedCount: last.seq - first.seq + 1,
  };
  const jws = await signer.sign(payload);

  db.transaction(() => {
    const still = db.prepare('SELECT hash FROM disclosure_log WHERE seq = ?').get(last.seq) as { hash: string } | undefined;
    if (still?.hash !== last.hash) throw new Error('disclosure log changed while the purge was being signed');
    db.prepare(
      `INSERT INTO disclosure_checkpoint (time, through_seq, through_hash, purged_before, purged_count, jws)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(payload.time, payload.throughSeq, payload.throughHash, payload.purgedBefore, payload.purgedCount, jws);
    db.prepare('INSERT INTO disclosure_purge (id, through_seq) VALUES (1, ?)').run(last.seq);
    const deleted = db.prepare('DELETE FROM disclosure_log WHERE seq <= ?').run(last.seq).changes;
    db.prepare('DELETE FROM disclosure_purge WHERE id = 1').run();
    if (deleted !== payload.purgedCount) throw new Error('disclosure log prefix is not contiguous: purge refused');
  }).immediate();
  log.info('disclosure log purged', { agency, throughSeq: payload.throughSeq, purged: payload.purgedCount, purgedBefore });
  return { purged: payload.purgedCount, checkpoint: payload };
}

function assertIntactPrefix(db: Database.Database, throughSeq: number): void {
  const anchor = db.prepare('SELECT through_seq AS seq, through_hash AS hash FROM disclosure_checkpoint ORDER BY through_seq DESC LIMIT 1').get() as
    | ChainHead
    | undefined;
  let previous: ChainHead = anchor ?? { seq: 0, hash: GENESIS_HASH };
  const rows = db.prepare(`SELECT ${ROW_COLUMNS.join(', ')} FROM disclosure_log WHERE seq <= ? ORDER BY seq`).iterate(throughSeq) as IterableIterator<DisclosureRow>;
  for (const row of rows) {
    const broken = linkProblem(row, previous);
    if (broken) throw new Error(`disclosure log is broken at record ${broken.seq} (${broken.reason}): purge refused`);
    previous = { seq: row.seq, hash: row.hash };
  }
}
