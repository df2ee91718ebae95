import path from 'node:path';
import { agencyPortOffset, type AgencyId } from '../../agencies';
import { createTokenVerifier } from '../../auth/tokens';
import { ConfigError, loadConfig } from '../../config';
import { close, listen } from '../../http/graphqlHttpServer';
import { log } from '../../log';
import type { SqliteStore } from '../store/sqlite';
import { createAgencyRuntime, purgeExpiredDisclosures } from './agencyRuntime';
import type { AgencyModule } from './agencyModule';
import { createSubgraphServer } from '../server/createSubgraphServer';

const DAY_MS = 86_400_000;

/** Where an agency's embedded store lives inside the data dir. */
export function storeFile(dataDir: string, agency: AgencyId): string {
  return path.join(dataDir, `${agency}.sqlite`);
}

/**
 * The whole of a subgraph's `index.ts`: read the configuration, open the store, listen on the
 * agency's port, and drain in-flight requests on SIGTERM or SIGINT.
 */
export async function runAgency(module: AgencyModule): Promise<void> {
  const { definition } = module;
  const { agency } = definition;
  try {
    const config = loadConfig();
    const store = module.openStore(storeFile(config.dataDir, agency)) as unknown as SqliteStore;
    const verifyToken = await createTokenVerifier(config.auth);
    const runtime = await createAgencyRuntime(agency, store.db, {
      ...config,
      auditRetentionDays: config.auditRetentionDays[agency],
      requireGatewaySignature: process.env.ONEROOF_REQUIRE_GATEWAY_SIGNATURE === 'true',
      record: !config.benchAuthorizationOff,
    });
    const server = await createSubgraphServer(definition, {
      store, verifyToken, production: config.production, ...runtime.options, authorization: !config.benchAuthorizationOff,
    });
    await purgeExpiredDisclosures(runtime);
    setInterval(() => void purgeExpiredDisclosures(runtime).catch((e: Error) => log.error('purge failed', { agency, kind: e.name })), DAY_MS).unref();
    const port = await listen(server.http, config.subgraphBasePort + agencyPortOffset(agency));
    log.info('subgraph listening', { agency, port });
    const stop = async (signal: string) => {
      log.info('subgraph stopping', { agency, signal });
      await close(server.http);
      await server.apollo.stop();
      store.close();
      process.exit(0);
    };
    process.once('SIGTERM', (s) => void stop(s));
    process.once('SIGINT', (s) => void stop(s));
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    log.error('subgraph failed to start', { agency, error: message });
    process.exit(1);
  }
}
