import { alternate, type Compared } from '../lib/compare';
import type { BenchSettings } from '../lib/context';
import { cpuDuring } from '../lib/procfs';
import { median } from '../lib/stats';
import { measureUnifiedView, type UnifiedViewLoad } from './unifiedView';

export const POLICY_CONCURRENCY = [10, 50] as const;

/** A deployment under test: its gateway and the pid of each of its processes. */
export interface PolicyTarget {
  url: string;
  pids: Record<string, number>;
}

export interface PolicyResult {
  /** By connections: the runs and medians of `on` and `off`. */
  byConnections: Record<number, Compared>;
  /** By arm: the median over every run of the CPU time each process spent per request, in ms. */
  cpuMsPerRequest: Record<'on' | 'off', Record<string, number>>;
}

/**
 * Scenario 2: the same workload against two identical deployments, one with authorization on and
 * one started with `ONEROOF_BENCH_AUTHORIZATION=off`, alternating. Each process's CPU time per
 * request (from /proc) says where the difference goes.
 */
export async function policyCost(settings: BenchSettings, on: PolicyTarget, off: PolicyTarget, load: UnifiedViewLoad): Promise<PolicyResult> {
  const byConnections: Record<number, Compared> = {};
  const cpu: Record<'on' | 'off', Record<string, number[]>> = { on: {}, off: {} };
  const arm = (name: 'on' | 'off', target: PolicyTarget, connections: number) => ({
    name,
    run: async () => {
      const { result, cpuMs } = await cpuDuring(target.pids, () => measureUnifiedView(settings, target.url, load, connections));
      for (const [process, ms] of Object.entries(cpuMs)) (cpu[name][process] ??= []).push(ms / Math.max(1, result.requests));
      return result;
    },
  });
  for (const connections of POLICY_CONCURRENCY) {
    settings.say(`policy cost, ${connections} connections: authorization on vs off`);
    byConnections[connections] = await alternate(settings.rounds, [arm('on', on, connections), arm('off', off, connections)], settings.say);
  }
  const medians = (runs: Record<string, number[]>) => Object.fromEntries(Object.entries(runs).map(([process, values]) => [process, median(values)]));
  return { byConnections, cpuMsPerRequest: { on: medians(cpu.on), off: medians(cpu.off) } };
}
