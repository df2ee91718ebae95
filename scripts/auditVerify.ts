import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AGENCIES } from '../lib/agencies';
import { auditKeyFile, readCheckpointKeys } from '../lib/kit/disclosure/checkpoint';
import { verifyChain, type ChainReport } from '../lib/kit/disclosure/verifyChain';
import { ConfigError, loadConfig } from '../lib/config';
import { oneroofStoreFile } from '../lib/kit/store/oneroofStore';

/**
 * `npm run audit:verify [-- --data-dir <dir>]`: checks every agency's disclosure log chain, its
 * checkpoints and its review chain, one line per agency, exit 1 when any chain is broken. Opens
 * each store read-only and runs no migrations, so it can run beside live subgraphs or on a copy
 * taken for an audit.
 */
const USAGE = 'usage: npm run audit:verify [-- --data-dir <dir>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function dataDirFromArgs(): string {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    try {
      return loadConfig().dataDir;
    } catch (error) {
      fail(error instanceof ConfigError ? error.message : String(error));
    }
  }
  if (args.length === 2 && args[0] === '--data-dir') return path.resolve(args[1]!);
  fail(`unknown arguments ${args.join(' ')}.`);
}

function describe(report: ChainReport): string {
  const reviews = report.reviews > 0 ? `, ${report.reviews} review${report.reviews === 1 ? '' : 's'}` : '';
  const counted = `${report.checked} record${report.checked === 1 ? '' : 's'}${reviews} checked`;
  const from = report.anchor ? `, from checkpoint at #${report.anchor.seq}` : '';
  if (report.ok) return `${counted}${from}: OK`;
  const broken = report.broken!;
  const where = broken.reviewId !== undefined ? ` at review #${broken.reviewId}` : broken.seq === null ? '' : ` at record #${broken.seq}`;
  const at = broken.row ?? (broken.review ? { request_id: broken.review.request_id, time: broken.review.at } : undefined);
  const request = at ? ` (request ${at.request_id}, ${at.time})` : '';
  return `${counted}${from}: BROKEN${where}${request}: ${broken.reason}, ${broken.detail}`;
}

async function main(): Promise<void> {
  const dataDir = dataDirFromArgs();
  const width = Math.max(...AGENCIES.map((a) => a.length));
  let broken = 0;
  for (const agency of AGENCIES) {
    const file = oneroofStoreFile(dataDir, agency);
    let line: string;
    if (!fs.existsSync(file)) {
      line = 'no store';
    } else {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const report = await verifyChain(db, agency, readCheckpointKeys(auditKeyFile(dataDir, agency)));
        if (!report.ok) broken += 1;
        line = report.checked === 0 && !report.anchor && report.ok ? 'no disclosure records: OK' : describe(report);
      } catch (error) {
        broken += 1;
        line = `UNREADABLE: ${(error as Error).message}`;
      } finally {
        db.close();
      }
    }
    process.stdout.write(`${agency.padEnd(width)}  ${line}\n`);
  }
  process.exit(broken > 0 ? 1 : 0);
}

void main();
