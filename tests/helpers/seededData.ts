import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgencyId } from '../../lib/agencies';
import { DEV_ISSUER } from '../../lib/auth/devIssuer';
import { createTokenVerifier, type TokenVerifier } from '../../lib/auth/tokens';
import { loadConfig } from '../../lib/config';
import type { StoreHandle } from '../../lib/kit/agency/agencyModule';
import { openAgency, type OpenAgency } from '../../lib/kit/agency/openAgency';
import type { StoreContext } from '../../lib/kit/store/agencyStore';
import type { SqliteStore } from '../../lib/kit/store/sqlite';
import { seedAll } from '../../seed/seedAll';
import { agencyModule, type AgencyModule } from '../../subgraphs/registry';

/** What both test federations (over HTTP and in process) start from. */

/** A fresh temporary data dir holding the synthetic world: `clients` (default 120) generated from `seed` (default 7). */
export function seededDataDir(options: { clients?: number; seed?: number }): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-test-'));
  seedAll(dataDir, { clients: options.clients ?? 120, seed: options.seed ?? 7 });
  return dataDir;
}

export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** The token verifier every process of a test federation shares: the development issuer of `dataDir`, the configuration's defaults. */
export function testTokenVerifier(dataDir: string): Promise<TokenVerifier> {
  const { auth } = loadConfig({ ONEROOF_DATA_DIR: dataDir });
  return createTokenVerifier({ ...auth, mode: 'development', issuer: DEV_ISSUER, dataDir });
}

/** Opens an agency's store in place of its module's own (an adapter to another system). */
export type StoreOverride = (context: StoreContext) => StoreHandle;

/** An agency's subgraph module and its stores in `dataDir`, opened; with `override`, over another store. */
export function openSubgraphStore(dataDir: string, agency: AgencyId, override?: StoreOverride): { module: AgencyModule; opened: OpenAgency } {
  const own = agencyModule(agency);
  const module = override ? { ...own, openStore: override } : own;
  return { module, opened: openAgency(module, dataDir) };
}

/**
 * The SQLite database behind an agency's store, for tests that read its records directly: the
 * agency's data (`SqliteAgencyStore.data`), or the FJC's store itself.
 * @throws Error for a store that is no SQLite database (an adapter).
 */
export function sqliteOf(agency: AgencyId, store: StoreHandle): SqliteStore {
  if ('data' in store) return (store as { data: SqliteStore }).data;
  if ('all' in store && 'db' in store) return store as unknown as SqliteStore;
  throw new Error(`the store of ${agency} is no SQLite database`);
}
