import fs from 'node:fs';
import path from 'node:path';
import { AGENCIES, type AgencyId } from '../lib/agencies';
import { ensureDisclosureSchema } from '../lib/kit/disclosure/schema';
import { createRandom } from '../lib/seed/random';
import type { WorldOptions } from '../lib/seed/world';
import { openAgency } from '../lib/kit/agency/openAgency';
import { agencyDataFile, oneroofStoreFile } from '../lib/kit/store/oneroofStore';
import { agencyModule } from '../subgraphs/registry';
import { generateWorld } from './world';

/**
 * The data dir's layout, written into the manifest: 2 since each agency's person links and
 * disclosure log live in OneRoof's own store beside its data (`<agency>.oneroof.sqlite`).
 */
export const DATA_LAYOUT = 2;

export interface SeedSummary {
  layout: number;
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

/**
 * What `dataDir` holds: nothing (or an unfinished dataset: the manifest is written last), a
 * complete dataset of this layout, or one of an older layout.
 */
export function datasetIn(dataDir: string): 'none' | 'current' | 'old' {
  const file = path.join(dataDir, MANIFEST);
  if (!fs.existsSync(file)) return 'none';
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { layout?: unknown };
  return manifest.layout === DATA_LAYOUT ? 'current' : 'old';
}

/** Whether `dataDir` holds a complete dataset of this layout. */
export function isSeeded(dataDir: string): boolean {
  return datasetIn(dataDir) === 'current';
}

/**
 * Moves a dataset of an older layout out of the way, into `<dataDir>/old-layout-<time>/`, keeping
 * every file (its disclosure logs are evidence): the development keys stay where they are.
 * @returns the folder the old dataset is now in.
 */
export function setAsideOldDataset(dataDir: string, now = new Date()): string {
  const aside = path.join(dataDir, `old-layout-${now.toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(aside);
  for (const entry of fs.readdirSync(dataDir)) {
    if (entry === MANIFEST || /\.sqlite(-wal|-shm)?$/.test(entry)) fs.renameSync(path.join(dataDir, entry), path.join(aside, entry));
  }
  return aside;
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
  for (const [index, agency] of AGENCIES.entries()) {
    const subgraph = agencyModule(agency);
    for (const file of [agencyDataFile(dataDir, agency), oneroofStoreFile(dataDir, agency)]) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
    const { store, oneroof, close } = openAgency(subgraph, dataDir);
    try {
      // The agency's records and its person links, each store in one transaction.
      const inTransaction = store.transaction?.bind(store) ?? (<T>(work: () => T) => work());
      oneroof.sqlite.transaction(() => inTransaction(() => subgraph.seed.records(store, world, random.fork(agency))));
      // The (empty) disclosure log from the start: a store without one has lost it (audit:verify).
      ensureDisclosureSchema(oneroof.sqlite.db);
    } finally {
      void close();
    }
    onProgress(index + 1, AGENCIES.length, agency);
  }
  const summary: SeedSummary = {
    layout: DATA_LAYOUT,
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
