import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { AGENCIES, type AgencyId } from '../lib/agencies';
import { ensureDevKeys } from '../lib/auth/devKeys';
import { ConfigError, loadConfig } from '../lib/config';
import { FETCH_REFUSED_PORTS } from '../lib/http/httpStatus';
import { DEFAULT_CLIENTS } from '../lib/seed/world';
import { datasetIn, seedAll, setAsideOldDataset } from '../seed/seedAll';
import { ensureConsoleBuilt } from './consoleBuild';
import { spawnEntry, waitForHealth } from './processes';
import { createSupervisor } from './supervisor';

/**
 * `npm start`: every subgraph as its own process on its own port, then the gateway once they
 * answer `/health`, under a supervisor: a process that crashes is logged and restarted with
 * backoff, and given up (saying so) after repeated fast crashes, while the others keep serving (the
 * gateway answers AGENCY_UNAVAILABLE for an agency that is down). Logs are prefixed with the process
 * name. Ctrl-C or SIGTERM stops them all; so does a gateway that cannot run.
 */
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

type Name = AgencyId | 'gateway';
let stopping = false;

function say(message: string): void {
  process.stderr.write(`[start] ${message}\n`);
}

function launch(name: Name): ChildProcess {
  const child = spawnEntry(name === 'gateway' ? 'gateway/index.ts' : `subgraphs/${name}/index.ts`);
  const prefix = `[${name}]`.padEnd(22);
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
  }
  return child;
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    say(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
})();

const supervisor = createSupervisor<Name>({
  ...config.supervisor,
  maxRestartDelayMs: 30_000,
  stableAfterMs: 30_000,
  spawn: launch,
  say,
  onGiveUp: (name) => {
    if (name !== 'gateway') return;
    say('without the gateway nothing is served: stopping everything.');
    void stopAll(1);
  },
});

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await supervisor.stopAll(STOP_GRACE_MS);
  process.exit(code);
}

/** Waits for one process's `/health`; `false` when it was given up or did not answer in time. */
async function ready(name: Name, url: string): Promise<boolean> {
  try {
    await waitForHealth(name, url, { timeoutMs: READY_TIMEOUT_MS, cancelled: () => stopping || supervisor.givenUp(name) });
    return !stopping && !supervisor.givenUp(name);
  } catch (error) {
    say(`${(error as Error).message}; going on without it for now.`);
    return false;
  }
}

async function main(): Promise<void> {
  if (FETCH_REFUSED_PORTS.has(config.gatewayPort)) {
    say(`PORT=${config.gatewayPort} works for curl and the agencies, but browsers and fetch() refuse to connect to it: choose another port for a browser client.`);
  }
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
  for (const agency of AGENCIES) supervisor.add(agency);
  const up = await Promise.all(AGENCIES.map((agency) => ready(agency, config.subgraphUrls[agency].replace(/graphql$/, 'health'))));
  if (stopping) return;
  supervisor.add('gateway');
  if (!(await ready('gateway', `http://localhost:${config.gatewayPort}/health`))) {
    if (!stopping) say('the gateway did not start: stopping everything.');
    return stopAll(1);
  }
  const missing = AGENCIES.filter((_, i) => !up[i]);
  const without = missing.length > 0 ? ` without ${missing.join(', ')} (its data answers AGENCY_UNAVAILABLE)` : '';
  say(`OneRoof is up${without}: console http://localhost:${config.gatewayPort}/ , API http://localhost:${config.gatewayPort}/graphql (Ctrl-C stops everything)`);
}

main().catch((error: unknown) => {
  say(`failed to start: ${(error as Error).message}`);
  void stopAll(1);
});
