import { AGENCIES, PARTNER_AGENCIES } from '../../lib/agencies';
import { CASELOAD_SIZES, constantInN, type CaseloadCost } from '../scenarios/batching';
import type { PolicyResult } from '../scenarios/policyCost';
import type { PrimitiveCosts } from '../scenarios/primitives';
import type { ConsoleResult } from '../scenarios/consoleView';
import type { PeerResult } from '../scenarios/unifiedView';
import type { Compared } from './compare';
import type { BenchSettings, GoalRow } from './context';
import { goalsTable, LOAD_HEADER, loadRows, machine, ratio, rounded, table } from './report';
import { round } from './stats';

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  settings: Pick<BenchSettings, 'durationS' | 'rounds'>;
  datasets: { small: number; large: number; consentsRecorded: number };
  peer: PeerResult;
  policy: PolicyResult;
  /** CPU µs of each cryptographic step and of a disclosure write, measured alone. */
  primitives: PrimitiveCosts;
  criticalPath: Record<number, Compared>;
  caseloadCosts: Record<number, CaseloadCost>;
  caseloadLatency: Compared;
  scale: Compared;
  /** VmHWM (peak RSS since start) in MiB per process, read after the 1,000-client scenarios. */
  highWaterMiB: Record<string, number>;
  /** The web console in Chromium: the unified view's time to render, and the size of its JavaScript. */
  console: ConsoleResult;
  runtimeS: number;
}

const fmt = (value: number) => String(round(value));

/** The peer arms of scenario 3, by their arm names in `unifiedViewAndPeer`. */
const PEERS = ['hive-rust', 'hive'] as const;
const GATEWAY_NAMES: Record<string, string> = { oneroof: 'OneRoof gateway', hive: 'Hive Gateway (Node planner)', 'hive-rust': 'Hive Gateway (Rust planner)' };

function goals(r: BenchResults): GoalRow[] {
  const rows: GoalRow[] = [];
  for (const [c, compared] of Object.entries(r.policy.byConnections)) {
    const value = ratio(compared.medians.on.rps, compared.medians.off.rps);
    rows.push({ scenario: '2 policy cost', metric: `throughput on / off, ${c} connections`, value: fmt(value), goal: '>= 0.9', met: value >= 0.9 });
  }
  for (const peer of PEERS) {
    for (const [c, compared] of Object.entries(r.peer.byConnections)) {
      const throughput = ratio(compared.medians.oneroof.rps, compared.medians[peer].rps);
      const p99 = ratio(compared.medians.oneroof.p99, compared.medians[peer].p99);
      rows.push({ scenario: '3 peer', metric: `throughput OneRoof / ${GATEWAY_NAMES[peer]}, ${c} conn.`, value: fmt(throughput), goal: '>= 1.0', met: throughput >= 1 });
      rows.push({ scenario: '3 peer', metric: `p99 OneRoof / ${GATEWAY_NAMES[peer]}, ${c} conn.`, value: fmt(p99), goal: '<= 1.0', met: p99 <= 1 });
    }
  }
  for (const [c, compared] of Object.entries(r.criticalPath)) {
    const value = ratio(compared.medians.gateway.p50, compared.medians.floor.p50);
    rows.push({ scenario: '4 critical path', metric: `gateway p50 / floor p50, ${c} client(s)`, value: fmt(value), goal: '<= 1.3', met: value <= 1.3 });
  }
  const constant = constantInN(r.caseloadCosts);
  rows.push({ scenario: '5 batching', metric: 'subgraph requests and store queries per agency, N = 10, 50, 200', value: constant ? 'one request, each statement once' : 'grow with N', goal: 'constant', met: constant });
  const growth = ratio(r.caseloadLatency.medians['200'].p50, r.caseloadLatency.medians['10'].p50);
  rows.push({ scenario: '5 batching', metric: 'caseload p50 latency, 200 / 10 clients (20x the clients)', value: fmt(growth), goal: '<= 5', met: growth <= 5 });
  const scaleP50 = ratio(r.scale.medians['100k'].p50, r.scale.medians['1k'].p50);
  const scaleP99 = ratio(r.scale.medians['100k'].p99, r.scale.medians['1k'].p99);
  rows.push({ scenario: '6 scale', metric: 'unified view p50, 100,000 / 1,000 clients', value: fmt(scaleP50), goal: '<= 1.2', met: scaleP50 <= 1.2 });
  rows.push({ scenario: '6 scale', metric: 'unified view p99, 100,000 / 1,000 clients', value: fmt(scaleP99), goal: '-', met: null });
  const viewMs = r.console.viewMs.median;
  const jsKiB = round(r.console.jsGzipBytes / 1024);
  rows.push({ scenario: '8 console', metric: 'navigation to the unified view rendered in Chromium, median (ms)', value: fmt(viewMs), goal: '< 300', met: viewMs < 300 });
  rows.push({ scenario: '8 console', metric: "console's JavaScript, gzipped (KiB)", value: fmt(jsKiB), goal: '< 250', met: jsKiB < 250 });
  const gatewayPeak = r.peer.peakRssMiB.oneroof?.gateway ?? NaN;
  rows.push({ scenario: '7 memory', metric: 'OneRoof gateway peak RSS at 50 connections (MiB)', value: fmt(gatewayPeak), goal: '-', met: null });
  return rows;
}

function roundedCpu(cpu: PolicyResult['cpuMsPerRequest']) {
  return Object.fromEntries(Object.entries(cpu).map(([arm, byProcess]) => [arm, Object.fromEntries(Object.entries(byProcess).map(([name, ms]) => [name, round(ms)]))]));
}

function mediansOf(compared: Record<number, Compared>) {
  return Object.fromEntries(Object.entries(compared).map(([c, x]) => [c, {
    medians: Object.fromEntries(Object.entries(x.medians).map(([arm, m]) => [arm, rounded(m)])),
    runs: Object.fromEntries(Object.entries(x.runs).map(([arm, runs]) => [arm, runs.map(rounded)])),
  }]));
}

/** The results as latest.json and as the human-readable latest.md. */
export function summarize(r: BenchResults): { json: unknown; markdown: string } {
  const host = machine();
  const goalRows = goals(r);
  const json = {
    generatedAt: new Date().toISOString(),
    runtimeS: round(r.runtimeS),
    machine: host,
    settings: r.settings,
    datasets: r.datasets,
    goals: goalRows,
    scenarios: {
      unifiedViewAndPeer: mediansOf(r.peer.byConnections),
      policyCost: { ...mediansOf(r.policy.byConnections), cpuMsPerRequest: roundedCpu(r.policy.cpuMsPerRequest) },
      primitivesCpuMicros: Object.fromEntries(Object.entries(r.primitives).map(([step, micros]) => [step, round(micros)])),
      criticalPath: mediansOf(r.criticalPath),
      batching: { costs: r.caseloadCosts, constantInN: constantInN(r.caseloadCosts), latency: mediansOf({ 1: r.caseloadLatency })[1] },
      scale: mediansOf({ 1: r.scale })[1],
      memory: { peakRssUnder50ConnectionsMiB: r.peer.peakRssMiB, highWaterMiB: r.highWaterMiB },
      console: r.console,
    },
  };
  const md: string[] = [];
  md.push('# OneRoof benchmark results', '');
  md.push(`Generated by \`npm run bench\` on ${json.generatedAt}, in ${Math.round(r.runtimeS)} s.`);
  md.push(`Machine: ${host.cpus} x ${host.model}, ${host.memoryGiB} GiB, ${host.platform}, Node ${host.node}.`);
  md.push(`Versions: ${Object.entries(host.versions).map(([name, v]) => `${name} ${v}`).join(', ')}.`);
  md.push(`Every comparison alternates its arms (A B A B ...), ${r.settings.rounds} runs of ${r.settings.durationS} s each; figures are medians of the runs.`);
  md.push(`Datasets: ${r.datasets.small.toLocaleString('en')} and ${r.datasets.large.toLocaleString('en')} synthetic clients; viewer an FJC case manager, purpose CASE_MANAGEMENT; ${r.datasets.consentsRecorded} of 1,000 pooled clients have a consent recorded. Method: docs/PERFORMANCE.md.`, '');
  md.push('## Goals', '', goalsTable(goalRows), '');
  md.push('## 1 and 3. Unified client view: OneRoof gateway and Hive Gateway (Rust and Node planners) over the same subgraphs', '');
  for (const [c, x] of Object.entries(r.peer.byConnections)) {
    md.push(`${c} connection(s):`, '', table(LOAD_HEADER, loadRows(x.medians, (arm) => GATEWAY_NAMES[arm] ?? arm)), '');
  }
  md.push('## 2. Policy cost: authorization on and off (ONEROOF_BENCH_AUTHORIZATION=off)', '');
  for (const [c, x] of Object.entries(r.policy.byConnections)) {
    md.push(`${c} connections:`, '', table(LOAD_HEADER, loadRows(x.medians, (arm) => `authorization ${arm}`)), '');
  }
  const cpu = r.policy.cpuMsPerRequest;
  const processes = Object.keys(cpu.on);
  const total = (arm: 'on' | 'off') => processes.reduce((sum, name) => sum + (cpu[arm][name] ?? 0), 0);
  md.push('CPU time per request (ms, median of all runs), from /proc:', '');
  md.push(table(['', ...processes, 'all'], (['on', 'off'] as const).map((arm) => [`authorization ${arm}`, ...processes.map((name) => fmt(cpu[arm][name])), fmt(total(arm))])), '');
  md.push('Each step the policy adds, measured alone (CPU µs per run, `bench/scenarios/primitives.ts`):', '');
  md.push(table(['step', 'CPU µs'], Object.entries(r.primitives).map(([step, micros]) => [step, fmt(micros)])), '');
  md.push('## 4. Critical path: gateway against the subgraphs called directly in plan order', '');
  for (const [c, x] of Object.entries(r.criticalPath)) {
    md.push(`${c} concurrent client(s):`, '', table(LOAD_HEADER, loadRows(x.medians, (arm) => (arm === 'gateway' ? 'through the gateway' : `floor (FJC, then ${PARTNER_AGENCIES.length} agencies in parallel)`))), '');
  }
  md.push('## 5. Batching: one caseload view of N clients', '');
  md.push(table(['agency', ...CASELOAD_SIZES.map((n) => `N=${n}: requests / queries (distinct) / disclosure rows`)], AGENCIES.map((agency) => [
    agency, ...CASELOAD_SIZES.map((n) => `${r.caseloadCosts[n][agency].requests} / ${r.caseloadCosts[n][agency].queries} (${r.caseloadCosts[n][agency].statements}) / ${r.caseloadCosts[n][agency].disclosureRows}`),
  ])), '');
  md.push('Latency, one connection:', '', table(LOAD_HEADER, loadRows(r.caseloadLatency.medians, (n) => `${n} clients`)), '');
  md.push('## 6. Scale: unified view at 1,000 and 100,000 clients, one connection', '');
  md.push(table(LOAD_HEADER, loadRows(r.scale.medians, (arm) => (arm === '1k' ? '1,000 clients' : '100,000 clients'))), '');
  md.push('## 7. Memory: peak RSS (MiB) while each gateway carried 50 connections', '');
  const names = [...new Set(Object.values(r.peer.peakRssMiB).flatMap((peaks) => Object.keys(peaks)))];
  const arms = Object.keys(r.peer.peakRssMiB);
  md.push(table(['process', ...arms.map((arm) => `under ${GATEWAY_NAMES[arm] ?? arm}`), 'VmHWM since start'], names.map((name) => [
    name, ...arms.map((arm) => fmt(r.peer.peakRssMiB[arm]?.[name] ?? NaN)), fmt(r.highWaterMiB[name] ?? NaN),
  ])), '');
  const c = r.console;
  md.push(`## 8. Web console in Chromium: an FJC case manager opens the unified view of a client all ${PARTNER_AGENCIES.length} partner agencies know`, '');
  md.push(table(['', 'median', 'p95', 'min', 'max', 'views'], [['navigation to view rendered (ms)', fmt(c.viewMs.median), fmt(c.viewMs.p95), fmt(c.viewMs.min), fmt(c.viewMs.max), c.viewMs.runs]]), '');
  md.push(`JavaScript the console's page loads: ${fmt(c.jsGzipBytes / 1024)} KiB gzipped (${fmt(c.jsBytes / 1024)} KiB uncompressed); stylesheet ${fmt(c.cssGzipBytes / 1024)} KiB gzipped.`, '');
  return { json, markdown: md.join('\n').replace(/\bNaN\b/g, '-') };
}
