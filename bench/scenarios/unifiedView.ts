import { alternate, type Compared } from '../lib/compare';
import type { BenchSettings } from '../lib/context';
import { runAutocannon } from '../lib/load';
import { sampleRss } from '../lib/procfs';
import type { LoadResult } from '../lib/stats';
import { isUnifiedView } from '../lib/workload';

/** A gateway under test: where it listens and which processes serve it (for memory). */
export interface GatewayTarget {
  name: string;
  url: string;
  /** Process name -> pid of everything that serves this target. */
  pids: Record<string, number>;
}

export interface UnifiedViewLoad {
  headers: Record<string, string>;
  bodies: readonly string[];
}

export const CONCURRENCY = [1, 10, 50] as const;
/** The connections under which memory is sampled. */
export const MEMORY_CONCURRENCY = 50;

export interface PeerResult {
  /** By connections: the runs and medians of OneRoof's gateway and each Hive Gateway arm. */
  byConnections: Record<number, Compared>;
  /** Peak RSS in MiB per process while each gateway carried the 50-connection load. */
  peakRssMiB: Record<string, Record<string, number>>;
}

/** One autocannon measurement of the unified view against a gateway. */
export function measureUnifiedView(settings: BenchSettings, url: string, load: UnifiedViewLoad, connections: number): Promise<LoadResult> {
  return runAutocannon({ url, connections, durationS: settings.durationS, headers: load.headers, bodies: load.bodies, check: isUnifiedView });
}

/**
 * Scenarios 1, 3 and 7: the unified view at 1, 10 and 50 connections through OneRoof's gateway and
 * through each peer gateway (Hive Gateway with its JavaScript planner, and with Hive Router's Rust
 * planner) over the same subgraph processes, alternating, with every process's RSS sampled during
 * the 50-connection runs.
 */
export async function unifiedViewAndPeer(settings: BenchSettings, oneroof: GatewayTarget, peers: readonly GatewayTarget[], load: UnifiedViewLoad): Promise<PeerResult> {
  const byConnections: Record<number, Compared> = {};
  const targets = [oneroof, ...peers];
  const peakRssMiB: Record<string, Record<string, number>> = Object.fromEntries(targets.map((target) => [target.name, {}]));
  for (const connections of CONCURRENCY) {
    settings.say(`unified view, ${connections} connection(s): ${targets.map((target) => target.name).join(' vs ')}`);
    const arm = (target: GatewayTarget) => ({
      name: target.name,
      run: async () => {
        const sampler = connections === MEMORY_CONCURRENCY ? sampleRss(target.pids) : null;
        const result = await measureUnifiedView(settings, target.url, load, connections);
        if (sampler) {
          for (const [name, peak] of Object.entries(sampler.stop())) {
            peakRssMiB[target.name][name] = Math.max(peakRssMiB[target.name][name] ?? 0, peak);
          }
        }
        return result;
      },
    });
    byConnections[connections] = await alternate(settings.rounds, targets.map(arm), settings.say);
  }
  return { byConnections, peakRssMiB };
}
