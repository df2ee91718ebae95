import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { AGENCIES, type AgencyId } from '../lib/agencies';
import { ensureDevKeys } from '../lib/auth/devKeys';
import { ConfigError, loadConfig } from '../lib/config';
import { DEFAULT_CLIENTS } from '../lib/seed/world';
import { datasetIn, seedAll, setAsideOldDataset } from '../seed/seedAll';
import { ensureConsoleBuilt } from './consoleBuild';
import { spawnEntry, waitForHealth } from './processes';

/**
 * `npm start`: every subgraph as its own process on its own port, then the gateway once all of
 * them answer `/health`. Logs are prefixed with the process name. Ctrl-C, or any process that
 * fails, stops them all.
 */
const READY_TIMEOUT_MS = 60_000;

type Name = AgencyId | 'gateway';
const children = new Map<Name, ChildProcess>();
let stopping = false;

function say(message: string): void {
  process.stderr.write(`[start] ${message}\n`);
}

function launch(name: Name, entry: string): ChildProcess {
  const child = spawnEntry(entry);
  const prefix = `[${name}]`.padEnd(22);
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
      void stopAll(1);
    }
  });
  children.set(name, child);
  return child;
}

function ready(name: Name, url: string): Promise<void> {
  return waitForHealth(name, url, { timeoutMs: READY_TIMEOUT_MS, cancelled: () => stopping });
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children.values()) child.kill('SIGTERM');
  const forced = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000);
  await Promise.all(exits);
  clearTimeout(forced);
  process.exit(code);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataset = datasetIn(config.dataDir);
  if (dataset === 'old') {
    // Kept, not deleted: its disclosure logs are evidence (docs/connecting-an-agency.md, Upgrading a data dir).
    const aside = setAsideOldDataset(config.dataDir);
    say(`${config.dataDir} held a dataset of an older layout (person links and disclosure logs inside each agency's store): moved to ${aside}`);
  }
  if (dataset !== 'current') {
    say(`no dataset in ${config.dataDir}: generating ${DEFAULT_CLIENTS} synthetic clients (npm run seed to change)`);
    seedAll(config.dataDir, { clients: DEFAULT_CLIENTS });
  }
  if (!config.production) await ensureDevKeys(config.dataDir);
  say('checking the web console build (console/dist)');
  if (await ensureConsoleBuilt()) say('built the web console');
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  for (const agency of AGENCIES) launch(agency, `subgraphs/${agency}/index.ts`);
  await Promise.all(AGENCIES.map((agency) => ready(agency, config.subgraphUrls[agency].replace(/graphql$/, 'health'))));
  launch('gateway', 'gateway/index.ts');
  await ready('gateway', `http://localhost:${config.gatewayPort}/health`);
  say(`OneRoof is up: console http://localhost:${config.gatewayPort}/ , API http://localhost:${config.gatewayPort}/graphql (Ctrl-C stops everything)`);
}

main().catch((error: unknown) => {
  say(error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).message}`);
  void stopAll(1);
  if (children.size === 0) process.exit(1);
});
