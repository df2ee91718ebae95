import { ConfigError } from '../config';
import { log } from '../log';
import type { Viewer } from '../viewer';
import type { TokenVerifier } from './tokens';

/**
 * Benchmark mode (`ONEROOF_BENCH_AUTHORIZATION=off`): the same processes with authorization
 * switched off, so `npm run bench` can measure what the policy costs. Never in production.
 */

/** The one viewer every request runs as when authorization is off. */
export const BENCH_VIEWER: Viewer = { sub: 'bench', name: 'Benchmark', agency: 'fjc', roles: ['CASE_MANAGER'] };

/** Takes any bearer token for the bench viewer without looking at it: authorization off only. */
export const acceptAnyToken: TokenVerifier = async () => BENCH_VIEWER;

/**
 * Refuses benchmark mode in production and says loudly, once at start, that it is on.
 * @param service - who starts in benchmark mode, for the log line (`gateway`, an agency).
 * @throws ConfigError when `production` is true.
 */
export function enterBenchMode(service: string, production: boolean): void {
  if (production) throw new ConfigError('Authorization can be switched off for benchmarks only: production refuses it.');
  log.warn('BENCHMARK MODE: authorization is OFF', { service });
}
