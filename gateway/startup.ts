import { AGENCIES } from '../lib/agencies';
import { createGatewaySigner, loadGatewaySigningKey } from '../lib/auth/gatewaySignature';
import { createTokenVerifier } from '../lib/auth/tokens';
import { ConfigError, subgraphUrlVariable, type OneRoofConfig } from '../lib/config';
import { createGatewayServer, type GatewayServer } from './server';

/**
 * The gateway's own production checks, beyond `loadConfig`'s (identity provider, no development
 * issuer) and the signing key's (`ONEROOF_GATEWAY_KEY_FILE`): the user's token and the gateway's
 * signature travel to every subgraph, so they do so over TLS unless the operator says the network
 * is private.
 * @throws ConfigError saying what to fix.
 */
export function checkGatewayConfig(config: OneRoofConfig): void {
  if (!config.production || config.allowPlaintextSubgraphs) return;
  const plaintext = AGENCIES.filter((agency) => !config.subgraphUrls[agency].startsWith('https://'));
  if (plaintext.length === 0) return;
  throw new ConfigError(
    `NODE_ENV=production sends tokens to the subgraphs: ${plaintext.map(subgraphUrlVariable).join(', ')} must be https:// URLs ` +
      '(or set ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS=true when the gateway reaches them over a trusted private network).',
  );
}

/**
 * Everything `gateway/index.ts` does before it listens: checks the configuration, loads the keys,
 * builds the server. Refuses an unsafe production configuration before anything is served.
 * @param supergraphSdl - the composed supergraph, `schema/supergraph.graphql`.
 * @param env - where the key files are named; default `process.env`.
 * @throws ConfigError saying what to fix.
 */
export async function startGateway(config: OneRoofConfig, supergraphSdl: string, env: NodeJS.ProcessEnv = process.env): Promise<GatewayServer> {
  checkGatewayConfig(config);
  const signingKey = await loadGatewaySigningKey({ production: config.production, dataDir: config.dataDir, env });
  return createGatewayServer({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    verifyToken: await createTokenVerifier(config.auth),
    production: config.production,
    signer: await createGatewaySigner(signingKey),
    limits: config.limits,
    resilience: config.resilience,
    authorization: !config.benchAuthorizationOff,
    corsOrigins: config.corsOrigins,
    console: {
      signIn: config.consoleOidc ? { kind: 'oidc', ...config.consoleOidc } : undefined,
      devIssuerDataDir: config.auth.mode === 'development' ? config.auth.dataDir : undefined,
    },
  });
}
