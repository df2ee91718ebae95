import path from 'node:path';
import { AGENCIES } from '../lib/agencies';
import { loadConfig } from '../lib/config';
import { DEFAULT_CLIENTS, DEFAULT_SEED, fullYears } from '../lib/seed/world';
import { openAgency } from '../lib/kit/agency/openAgency';
import { seedAll } from '../seed/seedAll';
import { agencyModules } from '../subgraphs/registry';

const USAGE = 'usage: npm run seed -- [--clients <N>] [--seed <S>] [--data-dir <dir>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveInteger(flag: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(`${flag} must be a whole number from 1 to ${max}.`);
  return n;
}

const args = process.argv.slice(2);
let clients = DEFAULT_CLIENTS;
let seed = DEFAULT_SEED;
let dataDir = loadConfig().dataDir;
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (flag === '--clients') clients = positiveInteger(flag, value, 1_000_000);
  else if (flag === '--seed') seed = positiveInteger(flag, value, 2 ** 31);
  else if (flag === '--data-dir' && value) dataDir = value;
  else fail(`unknown option ${flag ?? ''}.`);
}

const tty = process.stderr.isTTY === true;
const started = Date.now();
function progress(done: number, total: number, agency: string): void {
  const width = 28;
  const filled = Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${agency}`;
  if (tty) process.stderr.write(`\r${line.padEnd(70)}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

process.stderr.write(`generating ${clients} synthetic clients (seed ${seed}) into ${dataDir}\n`);
const summary = seedAll(path.resolve(dataDir), { clients, seed }, progress);
process.stderr.write(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.clients} clients, ${summary.cases} cases, ` +
    `${summary.involvements} agency links over ${AGENCIES.length} stores\n`,
);
// The calibration's yardsticks (docs/statistics.md, The synthetic world), each agency's own.
for (const module of agencyModules()) {
  if (!module.seed.yearly) continue;
  const opened = openAgency(module, path.resolve(dataDir));
  const perYear = module.seed.yearly.count(opened.store);
  void opened.close();
  const years = fullYears(summary).map((year) => `${year}: ${perYear.get(year) ?? 0}`);
  process.stderr.write(`${module.seed.yearly.label} a year: ${years.join(', ')}\n`);
}
