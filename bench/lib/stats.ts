/** Latency and throughput of one measurement; latencies in milliseconds. */
export interface LoadResult {
  /** Completed 2xx responses whose body passed the check. */
  requests: number;
  /** `requests` per second of the measured duration. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** 2xx answers whose body failed the check (an agency unavailable, a wrong client...). */
  mismatches: number;
  durationS: number;
}

/** The `p`th percentile (0-100) of ascending `sorted` values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Summarises the latencies of the answers that counted and the failures beside them. */
export function summarize(latencies: number[], durationS: number, failures: { errors: number; mismatches: number }): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    requests: sorted.length,
    rps: sorted.length / durationS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length > 0 ? total / sorted.length : NaN,
    errors: failures.errors,
    mismatches: failures.mismatches,
    durationS,
  };
}

/** The median of each metric over several runs of the same thing (the runs themselves kept beside). */
export function medianOf(runs: readonly LoadResult[]): LoadResult {
  const pick = (key: keyof LoadResult) => median(runs.map((run) => run[key]));
  return {
    requests: pick('requests'),
    rps: pick('rps'),
    p50: pick('p50'),
    p95: pick('p95'),
    p99: pick('p99'),
    mean: pick('mean'),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    mismatches: runs.reduce((sum, run) => sum + run.mismatches, 0),
    durationS: runs.reduce((sum, run) => sum + run.durationS, 0),
  };
}

/** Rounds for the report: 3 significant digits, at most 3 decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(value) || 1))));
  return Number(value.toFixed(digits));
}
