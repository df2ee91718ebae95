import { measurePrimitives } from './scenarios/primitives';

/**
 * What each step the policy adds to one agency request costs in CPU on this machine, measured
 * alone (process CPU time, thread pool included, over many runs):
 *   npx tsx bench/primitives.ts
 * The steps and why: bench/scenarios/primitives.ts. `npm run bench` records the same in latest.json.
 */
async function main(): Promise<void> {
  for (const [step, micros] of Object.entries(await measurePrimitives())) process.stdout.write(`${micros.toFixed(1).padStart(7)} µs CPU  ${step}\n`);
}

void main();
