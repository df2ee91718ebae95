import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENCIES } from '../lib/agencies';
import { ensureDevKeys } from '../lib/auth/devKeys';
import { seedAll } from '../seed/seedAll';
import { summarizeProfile } from './lib/cpuProfile';
import { runAutocannon } from './lib/load';
import { startOneRoof } from './lib/processes';
import { cpuDuring } from './lib/procfs';
import { caseloadBodies, clientPool, isCaseload, isUnifiedView, recordConsents, requestHeaders, unifiedViewBodies, viewerToken } from './lib/workload';

/**
 * Where the time goes under the unified-view load: starts OneRoof with `--cpu-prof` in every
 * process, loads the gateway, stops, and prints each process's busiest functions and modules
 * during the measured load (the last seconds of each profile: start-up and warm-up left out).
 *   npx tsx bench/profile.ts [--authorization off] [--connections 10] [--seconds 10] [--caseload N] [--keep <dir>] [--no-profile]
 * `--no-profile` only reports the CPU time each process spends per request; `--caseload N` loads
 * caseload views of N clients (scenario 5's query) instead of the unified view.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const authorization = option('authorization', 'on') !== 'off';
  const connections = Number(option('connections', '10'));
  const seconds = Number(option('seconds', '10'));
  const caseload = Number(option('caseload', '0'));
  const profiling = !process.argv.includes('--no-profile');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-profile-'));
  const profileDir = option('keep', path.join(workDir, 'profiles'));
  const dataDir = path.join(workDir, 'data');
  seedAll(dataDir, { clients: 1000, seed: 7 });
  await ensureDevKeys(dataDir);
  const stack = await startOneRoof({
    name: 'profile', dataDir, authorization, logDir: path.join(workDir, 'logs'),
    nodeArgs: (name) => (profiling ? ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, name)] : []),
  });
  try {
    const token = await viewerToken(dataDir);
    const pool = clientPool(1000);
    if (authorization) await recordConsents(stack.gatewayUrl, token, pool);
    const load = caseload > 0
      ? { url: stack.gatewayUrl, headers: requestHeaders(token), bodies: caseloadBodies(pool, caseload), check: isCaseload }
      : { url: stack.gatewayUrl, headers: requestHeaders(token), bodies: unifiedViewBodies(pool), check: isUnifiedView };
    await runAutocannon({ ...load, connections, durationS: 3 });
    const pids = { gateway: stack.gateway.pid, ...Object.fromEntries(AGENCIES.map((agency) => [agency, stack.subgraphs[agency].pid])) };
    const { result, cpuMs } = await cpuDuring(pids, () => runAutocannon({ ...load, connections, durationS: seconds }));
    process.stdout.write(`${caseload > 0 ? `caseload of ${caseload}` : 'unified view'}, authorization ${authorization ? 'on' : 'off'}, ${connections} connections: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, ${result.requests} requests, ${result.errors} errors, ${result.mismatches} mismatches\n`);
    process.stdout.write(`CPU ms per request: ${Object.entries(cpuMs).map(([name, ms]) => `${name} ${(ms / result.requests).toFixed(2)}`).join(', ')}\n`);
  } finally {
    await stack.stop();
  }
  for (const name of ['gateway', ...AGENCIES]) {
    const dir = path.join(profileDir, name);
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      // The measured load and the stop after it: start-up, compilation and the warm-up left out.
      const summary = summarizeProfile(path.join(dir, file), 15, { lastMs: (seconds + 2) * 1000 });
      process.stdout.write(`\n== ${name}: ${summary.busyMs} ms busy of ${summary.totalMs} ms\n`);
      process.stdout.write('  self:\n');
      for (const { frame, ms } of summary.self) process.stdout.write(`    ${String(ms).padStart(6)} ms  ${frame}\n`);
      process.stdout.write('  inclusive, by module:\n');
      for (const { module, ms } of summary.inclusive) process.stdout.write(`    ${String(ms).padStart(6)} ms  ${module}\n`);
    }
  }
  if (!process.argv.includes('--keep')) fs.rmSync(workDir, { recursive: true, force: true });
}

void main();
