import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgencyId } from '../../lib/agencies';
import { DEV_ISSUER } from '../../lib/auth/devIssuer';
import { createTokenVerifier, type TokenVerifier } from '../../lib/auth/tokens';
import { loadConfig } from '../../lib/config';
import type { SqliteStore } from '../../lib/kit/store/sqlite';
import { storeFile } from '../../lib/kit/agency/runAgency';
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

/** An agency's subgraph module and its store in `dataDir`, opened. */
export function openSubgraphStore(dataDir: string, agency: AgencyId): { module: AgencyModule; store: SqliteStore } {
  const module = agencyModule(agency);
  return { module, store: module.openStore(storeFile(dataDir, agency)) as unknown as SqliteStore };
}
