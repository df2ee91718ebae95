import type http from 'node:http';
import { AGENCIES, type AgencyId } from '../../lib/agencies';
import { createGatewaySigner, loadGatewaySigningKey } from '../../lib/auth/gatewaySignature';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import { createGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../gateway/server';
import { composeSupergraph } from '../../schema/compose';
import { testTokenVerifier } from './seededData';
import type { TestStack } from './stack';

export interface ProductionGateway {
  /** e.g. http://127.0.0.1:41234 (no path). */
  origin: string;
  /** The gateway itself (its planner, its circuits). */
  server: GatewayServer;
  stop(): Promise<void>;
}

/**
 * A gateway built as NODE_ENV=production builds it, in front of a test stack's subgraphs (tokens
 * still from the stack's development issuer, so a test can mint them), listening on an ephemeral port.
 * @param extra - further options, e.g. the console's sign-in.
 */
export async function startProductionGateway(stack: TestStack, extra: Partial<GatewayServerOptions> = {}): Promise<ProductionGateway> {
  const gateway = await createGatewayServer({
    supergraphSdl: composeSupergraph(),
    subgraphUrls: Object.fromEntries(AGENCIES.map((a) => [a, stack.subgraphs[a].url])) as Record<AgencyId, string>,
    verifyToken: await testTokenVerifier(stack.dataDir),
    production: true,
    signer: await createGatewaySigner(await loadGatewaySigningKey({ production: false, dataDir: stack.dataDir })),
    ...extra,
  });
  const port = await listen(gateway.http as http.Server, 0, '127.0.0.1');
  return {
    origin: `http://127.0.0.1:${port}`,
    server: gateway,
    stop: async () => {
      await close(gateway.http);
      await gateway.apollo.stop();
    },
  };
}
