import { agencyPortOffset } from '../../agencies';
import { createTokenVerifier } from '../../auth/tokens';
import { ConfigError, loadConfig } from '../../config';
import { close, listen } from '../../http/graphqlHttpServer';
import { log } from '../../log';
import { OldLayoutError } from '../store/oneroofStore';
import { purgeExpiredDisclosures } from './agencyRuntime';
import type { AgencyModule } from './agencyModule';
import { createAgencyServer } from './createAgencyServer';

const DAY_MS = 86_400_000;

/**
 * The whole of a subgraph's `index.ts`: read the configuration, open the agency's stores
 * (`openAgency`), listen on the agency's port, and drain in-flight requests on SIGTERM or SIGINT.
 */
export async function runAgency(module: AgencyModule): Promise<void> {
  const { definition } = module;
  const { agency } = definition;
  try {
    const config = loadConfig();
    const { server, runtime, stop: stopServer } = await createAgencyServer(module, {
      ...config,
      verifyToken: await createTokenVerifier(config.auth),
      auditRetentionDays: config.auditRetentionDays[agency],
      requireGatewaySignature: process.env.ONEROOF_REQUIRE_GATEWAY_SIGNATURE === 'true',
      record: !config.benchAuthorizationOff,
      authorization: !config.benchAuthorizationOff,
      requestTimeoutMs: config.resilience.requestTimeoutMs,
    });
    await purgeExpiredDisclosures(runtime);
    setInterval(() => void purgeExpiredDisclosures(runtime).catch((e: Error) => log.error('purge failed', { agency, kind: e.name })), DAY_MS).unref();
    const port = await listen(server.http, config.subgraphBasePort + agencyPortOffset(agency));
    log.info('subgraph listening', { agency, port });
    const stop = async (signal: string) => {
      log.info('subgraph stopping', { agency, signal });
      await close(server.http);
      await stopServer();
      process.exit(0);
    };
    process.once('SIGTERM', (s) => void stop(s));
    process.once('SIGINT', (s) => void stop(s));
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof OldLayoutError ? error.message : String(error);
    log.error('subgraph failed to start', { agency, error: message });
    process.exit(1);
  }
}
