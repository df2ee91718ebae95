import { envSuffix, isAgencyId } from '../lib/agencies';
import { createGatewaySigner, loadGatewaySigningKey } from '../lib/auth/gatewaySignature';
import { loadPairKeys } from '../lib/auth/pairKeys';
import { createTokenVerifier } from '../lib/auth/tokens';
import { ConfigError, subgraphUrlVariable, type OneRoofConfig } from '../lib/config';
import { createGatewayServer, type GatewayServer } from './server';
import { subgraphsOf } from './subgraphs';

/**
 * Where and how long the gateway waits for each subgraph the supergraph names, from the
 * configuration: `ONEROOF_SUBGRAPH_URL_<NAME>` and `ONEROOF_SUBGRAPH_TIMEOUT_MS_<NAME>` for any
 * name, an agency of the registry at its default port; any other subgraph at the supergraph's URL.
 */
export function subgraphSettings(config: OneRoofConfig, supergraphSdl: string) {
  const urls: Record<string, string> = {};
  const timeoutsMs: Record<string, number> = {};
  for (const { name, url } of subgraphsOf(supergraphSdl)) {
    urls[name] = config.subgraphOverrides.urls[envSuffix(name)] ?? (isAgencyId(name) ? config.subgraphUrls[name]! : url);
    timeoutsMs[name] = config.subgraphOverrides.timeoutsMs[envSuffix(name)] ?? config.resilience.defaultSubgraphTimeoutMs;
  }
  return { urls, timeoutsMs };
}

/**
 * The gateway's own production checks, beyond `loadConfig`'s (identity provider, no development
 * issuer) and the signing key's (`ONEROOF_GATEWAY_KEY_FILE`): the user's token and the gateway's
 * signature travel to every subgraph the supergraph names, so they do so over TLS unless the
 * operator says the network is private.
 * @throws ConfigError saying what to fix.
 */
export function checkGatewayConfig(config: OneRoofConfig, supergraphSdl: string): void {
  if (!config.production || config.allowPlaintextSubgraphs) return;
  const { urls } = subgraphSettings(config, supergraphSdl);
  const plaintext = Object.keys(urls).filter((name) => !urls[name]!.startsWith('https://'));
  if (plaintext.length === 0) return;
  throw new ConfigError(
    `NODE_ENV=production sends tokens to the subgraphs: ${plaintext.map(subgraphUrlVariable).join(', ')} must be https:// URLs ` +
      '(or set ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS=true when the gateway reaches them over a trusted private network).',
  );
}

/**
 * Everything `gateway/index.ts` does before it listens: checks the configuration, loads the keys,
 * builds the server. Refuses an unsafe production configuration before anything is served.
 * @param supergraphSdl - the composed supergraph, `ONEROOF_SUPERGRAPH_FILE` (default `schema/supergraph.graphql`).
 * @param env - where the key files are named; default `process.env`.
 * @throws ConfigError saying what to fix.
 */
export async function startGateway(config: OneRoofConfig, supergraphSdl: string, env: NodeJS.ProcessEnv = process.env): Promise<GatewayServer> {
  checkGatewayConfig(config, supergraphSdl);
  const signingKey = await loadGatewaySigningKey({ production: config.production, dataDir: config.dataDir, env });
  const subgraphs = subgraphSettings(config, supergraphSdl);
  return createGatewayServer({
    supergraphSdl,
    subgraphUrls: subgraphs.urls,
    verifyToken: await createTokenVerifier(config.auth),
    production: config.production,
    signer: await createGatewaySigner(signingKey, { macKeys: loadPairKeys('gateway', { production: config.production, dataDir: config.dataDir, env }) }),
    limits: config.limits,
    resilience: { ...config.resilience, subgraphTimeoutMs: subgraphs.timeoutsMs },
    authorization: !config.benchAuthorizationOff,
    corsOrigins: config.corsOrigins,
    console: {
      signIn: config.consoleOidc ? { kind: 'oidc', ...config.consoleOidc } : undefined,
      devIssuerDataDir: config.auth.mode === 'development' ? config.auth.dataDir : undefined,
    },
  });
}
