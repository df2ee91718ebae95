import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createKeepAliveFetch } from '../../lib/http/keepAliveFetch';
import { summarize, type LoadResult } from './stats';

export interface AutocannonLoad {
  url: string;
  connections: number;
  durationS: number;
  headers: Record<string, string>;
  /** Request bodies, sent in turn (random clients drawn beforehand). */
  bodies: readonly string[];
  /** Whether a 2xx body is a right answer; a wrong one counts as a mismatch, not a request. */
  check: (body: string) => boolean;
}

/**
 * Closed-loop load with autocannon's programmatic API: `connections` keep-alive connections, each
 * sending its next request when the last is answered. Latencies are taken from autocannon's own
 * per-response timings (sub-millisecond; its histogram keeps whole milliseconds only).
 */
export function runAutocannon(load: AutocannonLoad): Promise<LoadResult> {
  let next = Math.floor(Math.random() * load.bodies.length);
  const latencies: number[] = [];
  let mismatches = 0;
  // autocannon hands a request's body to `onResponse`, then emits its timing, synchronously.
  let lastBodyOk = false;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: load.url,
        connections: load.connections,
        duration: load.durationS,
        method: 'POST',
        timeout: 30,
        headers: { 'content-type': 'application/json', ...load.headers },
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({ ...request, body: load.bodies[next++ % load.bodies.length] }),
            onResponse: (status, body) => {
              lastBodyOk = status >= 200 && status < 300 && load.check(body);
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve(summarize(latencies, result.duration, { errors: result.errors + result.timeouts + result.non2xx, mismatches }));
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status < 200 || status >= 300) return;
      if (lastBodyOk) latencies.push(responseTime);
      else mismatches += 1;
      lastBodyOk = false;
    });
  });
}

// The gateway's own keep-alive client (lib/http/keepAliveFetch.ts): it honours the servers'
// keep-alive hints, so a request after an idle arm never goes out on a socket the server closed.
const send = createKeepAliveFetch();

/** One JSON POST over a pooled keep-alive connection; resolves with the status and the body text. */
export async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, timeoutMs: 30_000 });
  return { status: response.status, body: await response.text() };
}

/**
 * Closed-loop load with `workers` concurrent loops of `task` for `durationS`: the same client for
 * both sides of a comparison where a request is more than one HTTP call (the critical path).
 * `task` resolves true for a right answer.
 */
export async function runLoop(workers: number, durationS: number, task: () => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let mismatches = 0;
  const started = performance.now();
  const end = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          if (await task()) latencies.push(performance.now() - t0);
          else mismatches += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000, { errors, mismatches });
}
