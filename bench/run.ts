import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AGENCIES, type AgencyId } from '../lib/agencies';
import { ensureDevKeys } from '../lib/auth/devKeys';
import { setLogSink } from '../lib/log';
import { SUPERGRAPH_FILE } from '../schema/compose';
import { seedAll } from '../seed/seedAll';
import { startStack } from '../tests/helpers/stack';
import type { BenchSettings } from './lib/context';
import { post, runAutocannon } from './lib/load';
import { procStatusMiB } from './lib/procfs';
import { BENCH_MAX_COST, startHive, startOneRoof, type OneRoofStack } from './lib/processes';
import { writeResults } from './lib/report';
import { summarize } from './lib/summary';
import { clientPool, isUnifiedView, recordConsents, requestHeaders, unifiedViewBodies, viewerToken } from './lib/workload';
import { caseloadCosts, caseloadLatency, type CaseloadCost } from './scenarios/batching';
import { consoleView } from './scenarios/consoleView';
import { capturePlan, criticalPath, type CapturedPlan } from './scenarios/criticalPath';
import { policyCost } from './scenarios/policyCost';
import { measurePrimitives } from './scenarios/primitives';
import { scale } from './scenarios/scale';
import { unifiedViewAndPeer, type UnifiedViewLoad } from './scenarios/unifiedView';

/**
 * `npm run bench`: OneRoof's processes (and Hive Gateway's) on loopback, loaded from this process,
 * every comparison alternated. Writes bench/results/latest.md and latest.json. Method and findings:
 * docs/PERFORMANCE.md. `BENCH_DURATION_S` (default 6) and `BENCH_ROUNDS` (default 3) bound it.
 */
const SMALL = 1_000;
const LARGE = 100_000;
const SEED = 7;

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

const started = performance.now();
const say = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const running: { stop(): Promise<void> }[] = [];

async function dataset(settings: BenchSettings, name: string, clients: number): Promise<string> {
  const dir = path.join(settings.workDir, name);
  say(`seeding ${clients.toLocaleString('en')} clients into ${dir}`);
  seedAll(dir, { clients, seed: SEED });
  await ensureDevKeys(dir);
  return dir;
}

async function start<T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> {
  const started = await starting;
  running.push(started);
  return started;
}

async function stop(stopping: { stop(): Promise<void> }): Promise<void> {
  running.splice(running.indexOf(stopping), 1);
  await stopping.stop();
}

/** A copy of the supergraph whose subgraph URLs are the bench's ports, for Hive Gateway. */
function supergraphFor(settings: BenchSettings, urls: Record<AgencyId, string>): string {
  const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8').replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    (AGENCIES as readonly string[]).includes(name) ? `@join__graph(name: "${name}", url: "${urls[name as AgencyId]}")` : whole);
  const file = path.join(settings.workDir, 'supergraph.graphql');
  fs.writeFileSync(file, sdl);
  return file;
}

/**
 * Load nothing records, before a deployment is measured: V8 keeps optimizing nine processes for
 * thousands of requests, and plan caches, store pages and connection pools fill. A 3 s warm-up left
 * the policy-off arm 80% faster in its third run than in its first; after 12 s a deployment still
 * spent 22, then 19, then 14 ms of CPU per unified view in its next three 6 s runs at 10 connections,
 * and 13 to 16 ms in the nine after (docs/PERFORMANCE.md, Method). Every deployment gets as long:
 * a shorter one favours whichever arm has already carried another scenario's load.
 */
const WARM_UP_S = 40;

/** One right answer first, then `WARM_UP_S` of load that nothing records. */
async function warmUp(name: string, url: string, load: UnifiedViewLoad): Promise<void> {
  const probe = await post(url, load.bodies[0], load.headers);
  if (!isUnifiedView(probe.body)) throw new Error(`${name} answered the unified view wrongly (${probe.status}): ${probe.body.slice(0, 400)}`);
  await runAutocannon({ url, connections: 10, durationS: WARM_UP_S, headers: load.headers, bodies: load.bodies, check: isUnifiedView });
}

function pidsOf(stack: OneRoofStack): Record<string, number> {
  return { gateway: stack.gateway.pid, ...Object.fromEntries(AGENCIES.map((agency) => [agency, stack.subgraphs[agency].pid])) };
}

/**
 * Before any process starts, on an in-process stack (tests/helpers/stack.ts), whose counters and
 * recorded request bodies only exist in memory: the plan's subgraph requests, and what a caseload
 * view costs each agency.
 */
async function inProcessScenarios(logDir: string): Promise<{ plan: CapturedPlan; costs: Record<number, CaseloadCost> }> {
  say('in-process stack: capturing the query plan, counting requests and store queries per caseload view');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = fs.createWriteStream(path.join(logDir, 'in-process.log'));
  const previous = setLogSink((line) => logFile.write(`${line}\n`));
  const stack = await startStack({ clients: SMALL, seed: SEED, recordBodies: true, limits: { maxCost: BENCH_MAX_COST } });
  try {
    return { plan: await capturePlan(stack), costs: await caseloadCosts(stack, SMALL) };
  } finally {
    await stack.stop();
    setLogSink(previous);
    logFile.end();
  }
}

async function main(): Promise<void> {
  const settings: BenchSettings = {
    durationS: setting('BENCH_DURATION_S', 6),
    rounds: setting('BENCH_ROUNDS', 3),
    workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-bench-')),
    say,
  };
  const logDir = path.join(settings.workDir, 'logs');
  say(`work dir ${settings.workDir} (process logs in logs/)`);

  const { plan, costs } = await inProcessScenarios(logDir);
  say('the policy\'s cryptography and disclosure write, each step alone');
  const primitives = await measurePrimitives();

  const onDir = await dataset(settings, 'on-1k', SMALL);
  const offDir = path.join(settings.workDir, 'off-1k');
  fs.cpSync(onDir, offDir, { recursive: true });
  const largeDir = await dataset(settings, 'on-100k', LARGE);

  say('starting OneRoof (authorization on), OneRoof (authorization off) and Hive Gateway (Node and Rust planners)');
  const on = await start(startOneRoof({ name: 'on-1k', dataDir: onDir, authorization: true, logDir }));
  const off = await start(startOneRoof({ name: 'off-1k', dataDir: offDir, authorization: false, logDir }));
  const supergraphFile = supergraphFor(settings, on.subgraphUrls);
  const hive = await start(startHive({ name: 'hive', supergraphFile, logDir, planner: 'node' }));
  const hiveRust = await start(startHive({ name: 'hive-rust', supergraphFile, logDir, planner: 'rust' }));
  const token = await viewerToken(onDir);
  const pool = clientPool(SMALL);
  const consents = await recordConsents(on.gatewayUrl, token, pool);
  say(`recorded ${consents} consents`);
  const load: UnifiedViewLoad = { headers: requestHeaders(token), bodies: unifiedViewBodies(pool) };
  const gateways = [['OneRoof on', on.gatewayUrl], ['OneRoof off', off.gatewayUrl], ['Hive Gateway', hive.url], ['Hive Gateway, Rust planner', hiveRust.url]];
  for (const [name, url] of gateways) await warmUp(name, url, load);

  const subgraphPids = Object.fromEntries(AGENCIES.map((agency) => [agency, on.subgraphs[agency].pid]));
  const peer = await unifiedViewAndPeer(
    settings,
    { name: 'oneroof', url: on.gatewayUrl, pids: pidsOf(on) },
    [
      { name: 'hive', url: hive.url, pids: { 'hive-gateway': hive.process.pid, ...subgraphPids } },
      { name: 'hive-rust', url: hiveRust.url, pids: { 'hive-gateway-rust': hiveRust.process.pid, ...subgraphPids } },
    ],
    load,
  );
  const policy = await policyCost(settings, { url: on.gatewayUrl, pids: pidsOf(on) }, { url: off.gatewayUrl, pids: pidsOf(off) }, load);
  const floor = await criticalPath(settings, { gatewayUrl: on.gatewayUrl, subgraphUrls: on.subgraphUrls, token, pool, bodies: load.bodies }, plan);
  const caseload = await caseloadLatency(settings, on.gatewayUrl, token, pool);
  say('web console: the unified view in Chromium');
  const consoleResult = await consoleView(settings, on.gatewayUrl.replace(/\/graphql$/, ''));
  const highWaterMiB = Object.fromEntries(
    Object.entries({ ...pidsOf(on), 'hive-gateway': hive.process.pid, 'hive-gateway-rust': hiveRust.process.pid }).map(([name, pid]) => [name, procStatusMiB(pid, 'VmHWM')]),
  );
  await stop(off);
  await stop(hive);
  await stop(hiveRust);

  say('starting OneRoof on 100,000 clients');
  const large = await start(startOneRoof({ name: 'on-100k', dataDir: largeDir, authorization: true, logDir }));
  const largeToken = await viewerToken(largeDir);
  const largePool = clientPool(LARGE);
  await recordConsents(large.gatewayUrl, largeToken, largePool);
  const largeLoad: UnifiedViewLoad = { headers: requestHeaders(largeToken), bodies: unifiedViewBodies(largePool) };
  await warmUp('OneRoof 100k', large.gatewayUrl, largeLoad);
  await warmUp('OneRoof 1k', on.gatewayUrl, load);
  const scaled = await scale(settings, { url: on.gatewayUrl, load }, { url: large.gatewayUrl, load: largeLoad });
  await stop(large);
  await stop(on);

  const runtimeS = (performance.now() - started) / 1000;
  const { json, markdown } = summarize({
    settings: { durationS: settings.durationS, rounds: settings.rounds },
    datasets: { small: SMALL, large: LARGE, consentsRecorded: consents },
    peer, policy, primitives, criticalPath: floor, caseloadCosts: costs, caseloadLatency: caseload, scale: scaled, highWaterMiB, console: consoleResult, runtimeS,
  });
  const { jsonFile, mdFile } = writeResults(json, markdown);
  fs.rmSync(settings.workDir, { recursive: true, force: true });
  say(`done in ${Math.round(runtimeS)} s: ${path.relative(process.cwd(), mdFile)}, ${path.relative(process.cwd(), jsonFile)}`);
  process.stdout.write(`${markdown}\n`);
}

async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((process) => process.stop().catch(() => undefined)));
}

process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));
main().catch(async (error: unknown) => {
  say(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  await stopAll();
  process.exit(1);
});
