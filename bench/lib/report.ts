import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/processes';
import type { GoalRow } from './context';
import { round, type LoadResult } from './stats';

const PACKAGES = ['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway', 'autocannon', 'graphql', 'better-sqlite3'];

/** The machine and the versions the numbers were taken with. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    versions: Object.fromEntries(
      PACKAGES.map((name) => [name, (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version]),
    ),
  };
}

/** A load result with its numbers rounded for reading. */
export function rounded(result: LoadResult): LoadResult {
  return Object.fromEntries(Object.entries(result).map(([key, value]) => [key, round(value as number)])) as unknown as LoadResult;
}

/** `value / base` rounded, e.g. a throughput ratio. */
export function ratio(value: number, base: number): number {
  return round(value / base);
}

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function goalsTable(goals: readonly GoalRow[]): string {
  return table(['scenario', 'metric', 'value', 'goal', 'met?'], goals.map((g) => [g.scenario, g.metric, g.value, g.goal, g.met === null ? '-' : g.met ? 'yes' : '**no**']));
}

/** One row per arm: throughput and latency percentiles (medians over the runs). */
export function loadRows(arms: Record<string, LoadResult>, label: (arm: string) => string = (arm) => arm): (string | number)[][] {
  return Object.entries(arms).map(([arm, r]) => [label(arm), round(r.rps), round(r.p50), round(r.p95), round(r.p99), r.errors + r.mismatches]);
}

export const LOAD_HEADER = ['', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed'];

/** Writes bench/results/latest.json and latest.md. */
export function writeResults(json: unknown, markdown: string): { jsonFile: string; mdFile: string } {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const jsonFile = path.join(dir, 'latest.json');
  const mdFile = path.join(dir, 'latest.md');
  fs.writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(mdFile, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return { jsonFile, mdFile };
}
