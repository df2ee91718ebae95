import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AGENCIES, isAgencyId, type AgencyId } from '../lib/agencies';
import { auditKeyFile, readCheckpointKeys } from '../lib/kit/disclosure/checkpoint';
import { presentTables } from '../lib/kit/disclosure/schema';
import { verifyChain, type ChainReport } from '../lib/kit/disclosure/verifyChain';
import { ConfigError, loadConfig } from '../lib/config';
import { oneroofStoreFile } from '../lib/kit/store/oneroofStore';

/**
 * `npm run audit:verify [-- --data-dir <dir>] [--not-deployed <agency>]...`: checks every agency's
 * disclosure log chain, its checkpoints and its review chain, one line per agency, exit 1 when any
 * chain is broken or any store or log is missing. A missing log is never quietly fine: an agency
 * that does not run in this deployment is declared with `--not-deployed`, and only then is its
 * missing store accepted (a store that is there is checked all the same). Opens each store
 * read-only and runs no migrations, so it can run beside live subgraphs or on a copy taken for an
 * audit.
 */
const USAGE = 'usage: npm run audit:verify [-- --data-dir <dir>] [--not-deployed <agency>]...';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

interface Args {
  dataDir: string;
  notDeployed: Set<AgencyId>;
}

function parseArgs(args: string[]): Args {
  let dataDir: string | undefined;
  const notDeployed = new Set<AgencyId>();
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined || (flag !== '--data-dir' && flag !== '--not-deployed')) fail(`unknown arguments ${args.slice(i).join(' ')}.`);
    if (flag === '--data-dir') dataDir = path.resolve(value);
    else if (isAgencyId(value)) notDeployed.add(value);
    else fail(`--not-deployed ${value}: not an agency (${AGENCIES.join(', ')}).`);
  }
  if (dataDir !== undefined) return { dataDir, notDeployed };
  try {
    return { dataDir: loadConfig().dataDir, notDeployed };
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
}

function describe(report: ChainReport): string {
  const reviews = report.reviews > 0 ? `, ${report.reviews} review${report.reviews === 1 ? '' : 's'}` : '';
  const outcomes = report.outcomes > 0 ? `, ${report.outcomes} delivery outcome${report.outcomes === 1 ? '' : 's'}` : '';
  const counted = `${report.checked} record${report.checked === 1 ? '' : 's'}${reviews}${outcomes} checked`;
  const from = report.anchor ? `, from checkpoint at #${report.anchor.seq}` : '';
  if (report.ok) return `${counted}${from}: OK`;
  const broken = report.broken!;
  const where = broken.reviewId !== undefined ? ` at review #${broken.reviewId}` : broken.outcomeId !== undefined ? ` at delivery outcome #${broken.outcomeId}` : broken.seq === null ? '' : ` at record #${broken.seq}`;
  const side = broken.review ?? broken.outcome;
  const at = broken.row ?? (side ? { request_id: side.request_id, time: side.at } : undefined);
  const request = at ? ` (request ${at.request_id}, ${at.time})` : '';
  return `${counted}${from}: BROKEN${where}${request}: ${broken.reason}, ${broken.detail}`;
}

/** One agency's line and whether it fails the run. */
async function verifyAgency(agency: AgencyId, { dataDir, notDeployed }: Args): Promise<{ line: string; failed: boolean }> {
  const file = oneroofStoreFile(dataDir, agency);
  if (!fs.existsSync(file)) {
    if (notDeployed.has(agency)) return { line: 'not deployed: no store, none expected', failed: false };
    return { line: `MISSING: no store at ${file} (declare an agency that does not run here with --not-deployed ${agency})`, failed: true };
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // Every store gets its log when it is seeded or first served: a store without one lost it.
    if (presentTables(db).size === 0) return { line: 'MISSING: the store has no disclosure log', failed: true };
    const report = await verifyChain(db, agency, readCheckpointKeys(auditKeyFile(dataDir, agency)));
    return { line: report.checked === 0 && !report.anchor && report.ok ? 'no disclosure records: OK' : describe(report), failed: !report.ok };
  } catch (error) {
    return { line: `UNREADABLE: ${(error as Error).message}`, failed: true };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const width = Math.max(...AGENCIES.map((a) => a.length));
  let failed = 0;
  for (const agency of AGENCIES) {
    const result = await verifyAgency(agency, args);
    if (result.failed) failed += 1;
    process.stdout.write(`${agency.padEnd(width)}  ${result.line}\n`);
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
