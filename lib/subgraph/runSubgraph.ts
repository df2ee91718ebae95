import path from 'node:path';
import { agencyPortOffset, type AgencyId } from '../agencies';
import { createTokenVerifier } from '../auth/tokens';
import { ConfigError, loadConfig } from '../config';
import { close, listen } from '../http/graphqlHttpServer';
import { log } from '../log';
import { createRemoteJWKSet } from 'jose';
import { createAssertionVerifier, loadAssertionSigner } from '../policy/assertions';
import { createSubgraphServer, type SubgraphDefinition, type SubgraphServerOptions } from './createSubgraphServer';

/** Where an agency's embedded store lives inside the data dir. */
export function storeFile(dataDir: string, agency: AgencyId): string {
  return path.join(dataDir, `${agency}.sqlite`);
}

/** Where the FJC keeps its consent-assertion signing key. */
export function assertionKeyFile(dataDir: string): string {
  return path.join(dataDir, 'fjc-keys', 'assertion.json');
}

/**
 * The FJC signs consent assertions with its own key; every partner agency verifies them with the
 * FJC's published JWKS, fetched (and cached by jose) over HTTP: if the FJC cannot be reached, no
 * assertion verifies and only the agency's own records can be shown.
 */
export async function assertionOptions(
  agency: AgencyId,
  config: { dataDir: string; assertionJwksUrl: string },
): Promise<Pick<SubgraphServerOptions<unknown>, 'assertionSigner' | 'verifyAssertion'>> {
  if (agency === 'fjc') return { assertionSigner: await loadAssertionSigner(assertionKeyFile(config.dataDir)) };
  const keys = createRemoteJWKSet(new URL(config.assertionJwksUrl), { cooldownDuration: 30_000, timeoutDuration: 2_000 });
  return { verifyAssertion: createAssertionVerifier(keys) };
}

/**
 * The whole of a subgraph's `index.ts`: read the configuration, open the store, listen on the
 * agency's port, and drain in-flight requests on SIGTERM or SIGINT.
 */
export async function runSubgraph<TStore extends { close(): void }, TLoaders>(
  definition: SubgraphDefinition<TStore, TLoaders>,
  openStore: (file: string) => TStore,
): Promise<void> {
  const { agency } = definition;
  try {
    const config = loadConfig();
    const store = openStore(storeFile(config.dataDir, agency));
    const verifyToken = await createTokenVerifier(config.auth);
    const server = await createSubgraphServer(definition, {
      store,
      verifyToken,
      production: config.production,
      ...(await assertionOptions(agency, config)),
    });
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
