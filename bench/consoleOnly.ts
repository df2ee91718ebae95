import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDevKeys } from '../lib/auth/devKeys';
import { seedAll } from '../seed/seedAll';
import { startOneRoof } from './lib/processes';
import { clientPool, recordConsents, viewerToken } from './lib/workload';
import { consoleView } from './scenarios/consoleView';

/**
 * The console scenario of `npm run bench` on its own (`npx tsx bench/consoleOnly.ts`): the same
 * 1,000-client dataset and consents, OneRoof's processes on loopback, the view timed in Chromium.
 * Prints the result as JSON; writes nothing to bench/results.
 */
async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-bench-console-'));
  const say = (line: string) => process.stderr.write(`[bench console] ${line}\n`);
  const dataDir = path.join(workDir, 'on-1k');
  seedAll(dataDir, { clients: 1000, seed: 7 });
  await ensureDevKeys(dataDir);
  const stack = await startOneRoof({ name: 'console', dataDir, authorization: true, logDir: path.join(workDir, 'logs') });
  try {
    await recordConsents(stack.gatewayUrl, await viewerToken(dataDir), clientPool(1000));
    const result = await consoleView({ durationS: 0, rounds: 1, workDir, say }, stack.gatewayUrl.replace(/\/graphql$/, ''));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await stack.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
