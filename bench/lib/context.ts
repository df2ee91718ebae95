/** What every scenario gets from the orchestrator. */
export interface BenchSettings {
  /** Seconds per measurement (`BENCH_DURATION_S`, default 6). */
  durationS: number;
  /** Runs per arm of a comparison (`BENCH_ROUNDS`, default 3). */
  rounds: number;
  /** Where processes write their logs and datasets live; removed at the end. */
  workDir: string;
  say(line: string): void;
}

/** One row of the report: what was measured, against which goal. */
export interface GoalRow {
  scenario: string;
  metric: string;
  value: string;
  goal: string;
  /** `null`: informational, no goal. */
  met: boolean | null;
}
