import type { LoadResult } from './stats';
import { medianOf } from './stats';

/** One side of a comparison: a name and how to measure it once. */
export interface Arm {
  name: string;
  run: () => Promise<LoadResult>;
}

export interface Compared {
  /** Every run, in the order measured. */
  runs: Record<string, LoadResult[]>;
  /** The median of each metric per arm. */
  medians: Record<string, LoadResult>;
}

/**
 * Measures the arms in turn, `rounds` times (A B A B A B): on a shared, noisy machine a drift hits
 * every arm alike, and the medians ignore a run that a neighbour spoiled.
 */
export async function alternate(rounds: number, arms: readonly Arm[], say: (line: string) => void): Promise<Compared> {
  const runs: Record<string, LoadResult[]> = Object.fromEntries(arms.map((arm) => [arm.name, []]));
  for (let round = 1; round <= rounds; round += 1) {
    for (const arm of arms) {
      const result = await arm.run();
      runs[arm.name].push(result);
      say(`  ${arm.name} #${round}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms` +
        (result.errors + result.mismatches > 0 ? `, ${result.errors} errors, ${result.mismatches} wrong answers` : ''));
    }
  }
  return { runs, medians: Object.fromEntries(arms.map((arm) => [arm.name, medianOf(runs[arm.name])])) };
}
