import fs from 'node:fs';
import path from 'node:path';
import { AGENCIES, type AgencyId } from '../lib/agencies';
import { createRandom } from '../lib/seed/random';
import type { WorldOptions } from '../lib/seed/world';
import { storeFile } from '../lib/kit/agency/runAgency';
import { agencyModule } from '../subgraphs/registry';
import { generateWorld } from './world';

export interface SeedSummary {
  clients: number;
  cases: number;
  involvements: number;
  seed: number;
  /** The world's first day and its reference day. */
  start: string;
  today: string;
  generatedAt: string;
}

const MANIFEST = 'seed.json';

/** Whether `dataDir` holds a complete dataset (the manifest is written last). */
export function isSeeded(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, MANIFEST));
}

/**
 * (Re)generates every agency's store in `dataDir` from one synthetic world. Each store is written
 * by its own agency's seeder; nothing is copied between stores.
 * @param onProgress - called with (agencies done, agencies in all, agency) after each store.
 */
export function seedAll(
  dataDir: string,
  options: WorldOptions,
  onProgress: (done: number, total: number, agency: AgencyId) => void = () => undefined,
): SeedSummary {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, MANIFEST), { force: true });
  const world = generateWorld(options);
  const random = createRandom(world.seed);
  AGENCIES.forEach((agency, index) => {
    const subgraph = agencyModule(agency);
    const file = storeFile(dataDir, agency);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    const store = subgraph.openStore(file);
    try {
      store.transaction(() => subgraph.seed.records(store, world, random.fork(agency)));
    } finally {
      store.close();
    }
    onProgress(index + 1, AGENCIES.length, agency);
  });
  const summary: SeedSummary = {
    clients: world.clients.length,
    cases: world.cases.length,
    involvements: world.involvements.length,
    seed: world.seed,
    start: world.start,
    today: world.today,
    generatedAt: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(dataDir, MANIFEST), JSON.stringify(summary, null, 2));
  return summary;
}
