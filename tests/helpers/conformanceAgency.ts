import type { AgencyId } from '../../lib/agencies';
import { createGatewaySignatureVerifier } from '../../lib/auth/gatewaySignature';
import { DEFAULT_TOKEN_LIFETIME } from '../../lib/auth/tokenLifetime';
import { createTokenVerifier } from '../../lib/auth/tokens';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import { createAgencyRuntime } from '../../lib/kit/agency/agencyRuntime';
import { createSubgraphServer, type SubgraphServer } from '../../lib/kit/server/createSubgraphServer';
import path from 'node:path';
import { ASSERTION_MAC_FILE, type ConformanceSetup } from '../../conformance/keys';
import { openSubgraphStore } from './seededData';

export interface AgencyUnderTest {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts one of OneRoof's own subgraphs over HTTP on an ephemeral port, configured as a deployment
 * under test would be with the environment `npm run conformance -- --init` prints: user tokens from
 * the suite's identity provider, the FJC's keys from the suite's JWKS URL, the suite's gateway key,
 * unsigned requests refused; an FJC MACs its assertions with the suite's pair keys.
 * @param keys - where the suite serves its JWKS documents (`serveKeys`, or `jwksUrls` for a suite run as its own process).
 */
export async function startAgencyUnderTest(agency: AgencyId, dataDir: string, setup: ConformanceSetup, keys: { urls: { idp: string; fjc: string } }): Promise<AgencyUnderTest> {
  const { module, opened } = openSubgraphStore(dataDir, agency);
  const { store } = opened;
  const verifyToken = await createTokenVerifier({ mode: 'jwks', jwksUrl: keys.urls.idp, issuer: setup.issuer, audience: setup.audience, lifetime: DEFAULT_TOKEN_LIFETIME });
  const env = { ONEROOF_ASSERTION_MAC_KEYS_FILE: path.join(setup.dir, ASSERTION_MAC_FILE) };
  const runtime = await createAgencyRuntime(agency, opened.oneroof.sqlite.db, { dataDir, assertionJwksUrl: keys.urls.fjc, production: false, requireGatewaySignature: true, env });
  const gatewaySignatures = { verifier: createGatewaySignatureVerifier({ keys: setup.gateway.jwks, agency }), required: true };
  return listenOnAnyPort(await createSubgraphServer(module.definition, { store, verifyToken, production: false, ...runtime.options, gatewaySignatures }), opened);
}

/** Serves a subgraph on an ephemeral port; `stop` closes it and its stores. */
export async function listenOnAnyPort<TStore>(server: SubgraphServer<unknown, TStore>, store: { close(): void | Promise<void> }): Promise<AgencyUnderTest> {
  const port = await listen(server.http, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await close(server.http);
      await server.apollo.stop();
      await store.close();
    },
  };
}
