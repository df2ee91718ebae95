import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { httpStatus } from '../lib/http/httpStatus';

/** The repository root: every process is started from here. */
export const ROOT = path.resolve(__dirname, '..');

export interface SpawnEntryOptions {
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Default: stdin ignored, stdout and stderr piped. */
  stdio?: StdioOptions;
  /** Node options before `--import tsx`, e.g. `--cpu-prof`; default none. */
  nodeArgs?: string[];
  /** Start it as the leader of its own process group (so the group can be ended as one); default false. */
  detached?: boolean;
}

/**
 * Starts one TypeScript entry (a subgraph's or the gateway's `index.ts`) as its own Node process,
 * the way `npm start` and the benchmarks run them: `node --import tsx <entry>`, from the root.
 * @param entry - path from the repository root, e.g. `gateway/index.ts`.
 */
export function spawnEntry(entry: string, options: SpawnEntryOptions = {}): ChildProcess {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
}

export interface WaitOptions {
  /** Default 60,000 ms. */
  timeoutMs?: number;
  /** Stops waiting, without an error, once this answers true. */
  cancelled?: () => boolean;
}

/**
 * Polls `url` every 250 ms until it answers 2xx (with node:http, so any port works).
 * @throws Error naming the process when it does not answer in time.
 */
export async function waitForHealth(name: string, url: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (options.cancelled?.()) return;
    const status = await httpStatus(url, 1000);
    if (status !== undefined && status >= 200 && status < 300) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s`);
}
