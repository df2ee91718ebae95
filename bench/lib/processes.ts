import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AGENCIES, agencyPortOffset, type AgencyId } from '../../lib/agencies';
import { subgraphUrlVariable } from '../../lib/config';
import { ROOT, spawnEntry, waitForHealth } from '../../scripts/processes';
import { freePorts } from './ports';

/** The query cost limit of the benchmark's gateways: a caseload of 200 clients passes it. */
export const BENCH_MAX_COST = 1_000_000;

/** One process the benchmark started, with its pid for memory sampling. */
export interface BenchProcess {
  name: string;
  pid: number;
  child: ChildProcess;
}

/** A OneRoof deployment on loopback: one process per agency subgraph and a gateway process. */
export interface OneRoofStack {
  name: string;
  dataDir: string;
  gatewayUrl: string;
  subgraphUrls: Record<AgencyId, string>;
  gateway: BenchProcess;
  subgraphs: Record<AgencyId, BenchProcess>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** For logs and results, e.g. `on-1k`. */
  name: string;
  /** A seeded data dir with its development keys (`ensureDevKeys`). */
  dataDir: string;
  /** `false`: `ONEROOF_BENCH_AUTHORIZATION=off` in every process. */
  authorization: boolean;
  /** Where each process writes its log (stdout and stderr), `<name>-<process>.log`. */
  logDir: string;
  /** Node options per process name (`gateway`, an agency), e.g. `--cpu-prof`; default none. */
  nodeArgs?: (process: string) => string[];
}

/** The environment of `npm start`, minus any OneRoof setting of the caller's shell. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('ONEROOF_') && name !== 'NODE_ENV') env[name] = value;
  return env;
}

function logFile(logDir: string, name: string): number {
  fs.mkdirSync(logDir, { recursive: true });
  return fs.openSync(path.join(logDir, `${name}.log`), 'a');
}

/** Starts a process whose output goes straight to a log file: the benchmark never reads it. */
export function startProcess(name: string, logDir: string, start: (stdio: ['ignore', number, number]) => ChildProcess): BenchProcess {
  const fd = logFile(logDir, name);
  const child = start(['ignore', fd, fd]);
  fs.closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { name, pid: child.pid, child };
}

/** Sends SIGTERM and waits for the exit (SIGKILL after 10 s). */
export async function stopProcess(process: BenchProcess): Promise<void> {
  const { child } = process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(force);
}

/**
 * Starts OneRoof as `npm start` does (scripts/processes.ts), on free loopback ports: the seven
 * subgraphs, then the gateway once they all answer `/health`.
 */
export async function startOneRoof(options: StackOptions): Promise<OneRoofStack> {
  const basePort = await freePorts(Math.max(...AGENCIES.map(agencyPortOffset)) + 1);
  const gatewayPort = await freePorts(1);
  const subgraphUrls = Object.fromEntries(
    AGENCIES.map((agency) => [agency, `http://127.0.0.1:${basePort + agencyPortOffset(agency)}/graphql`]),
  ) as Record<AgencyId, string>;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ONEROOF_DATA_DIR: options.dataDir,
    PORT: String(gatewayPort),
    ONEROOF_SUBGRAPH_BASE_PORT: String(basePort),
    ONEROOF_BENCH_AUTHORIZATION: options.authorization ? 'on' : 'off',
    // The load generator is one viewer on up to 50 connections: the gateway's per-viewer share
    // (4 running, 16 waiting) would answer most of them 429 and measure the gate, not the gateway.
    ONEROOF_VIEWER_CONCURRENCY: '1000',
    ONEROOF_VIEWER_QUEUE: '1000',
    // Scenario 5's caseload of 200 clients with every agency's file estimates above the default
    // cost limit (20000): the benchmark measures batching, not the limit that would refuse it.
    ONEROOF_MAX_COST: String(BENCH_MAX_COST),
    ...Object.fromEntries(AGENCIES.map((agency) => [subgraphUrlVariable(agency), subgraphUrls[agency]])),
  };
  const launch = (name: string, entry: string) =>
    startProcess(`${options.name}-${name}`, options.logDir, (stdio) => spawnEntry(entry, { env, stdio, nodeArgs: options.nodeArgs?.(name) }));
  const started: BenchProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map(stopProcess));
  };
  const subgraphs = {} as Record<AgencyId, BenchProcess>;
  try {
    for (const agency of AGENCIES) started.push((subgraphs[agency] = launch(agency, `subgraphs/${agency}/index.ts`)));
    await Promise.all(AGENCIES.map((agency) => waitForHealth(agency, subgraphUrls[agency].replace(/graphql$/, 'health'), { timeoutMs: 120_000 })));
    const gateway = launch('gateway', 'gateway/index.ts');
    started.push(gateway);
    await waitForHealth('gateway', `http://127.0.0.1:${gatewayPort}/health`, { timeoutMs: 120_000 });
    return { name: options.name, dataDir: options.dataDir, gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`, subgraphUrls, gateway, subgraphs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `node_modules/.bin/hive-gateway`'s script, run by this Node so its pid is the gateway's own. */
const HIVE_BIN = path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

/** Hive Gateway's query planners: its default JavaScript one, or Hive Router's Rust one. */
export type HivePlanner = 'node' | 'rust';
const HIVE_CONFIG: Record<HivePlanner, string> = { node: 'gateway.config.ts', rust: 'rustPlanner.config.ts' };

/**
 * Starts Hive Gateway (`hive-gateway supergraph <file>`) on a free loopback port with the config
 * in bench/hive/ (headers forwarded to the subgraphs): `gateway.config.ts` for the JavaScript
 * planner, `rustPlanner.config.ts` for the Rust one (`@graphql-hive/router-runtime`).
 */
export async function startHive(options: { name: string; supergraphFile: string; logDir: string; planner: HivePlanner }): Promise<{ url: string; process: BenchProcess; stop(): Promise<void> }> {
  const port = await freePorts(1);
  const args = [
    'supergraph', options.supergraphFile, '--host', '127.0.0.1', '--port', String(port), '--fork', '1',
    '--config-path', path.join(ROOT, 'bench', 'hive', HIVE_CONFIG[options.planner]),
  ];
  // Hive's own CLI loads its TypeScript config itself: no tsx here.
  const hive = startProcess(options.name, options.logDir, (stdio) => spawn(process.execPath, [HIVE_BIN, ...args], { cwd: ROOT, env: baseEnv(), stdio }));
  try {
    await waitForHealth(options.name, `http://127.0.0.1:${port}/healthcheck`, { timeoutMs: 120_000 });
  } catch (error) {
    await stopProcess(hive);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/graphql`, process: hive, stop: () => stopProcess(hive) };
}
