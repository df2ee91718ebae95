import fs from 'node:fs';
import { createGatewaySigner, loadGatewaySigningKey } from '../lib/auth/gatewaySignature';
import { createTokenVerifier } from '../lib/auth/tokens';
import { ConfigError, loadConfig } from '../lib/config';
import { close, listen } from '../lib/http/graphqlHttpServer';
import { log } from '../lib/log';
import { SUPERGRAPH_FILE } from '../schema/compose';
import { createGatewayServer } from './server';

async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const server = await createGatewayServer({
      supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
      subgraphUrls: config.subgraphUrls,
      verifyToken: await createTokenVerifier(config.auth),
      production: config.production,
      signer: await createGatewaySigner(await loadGatewaySigningKey(config)),
    });
    const port = await listen(server.http, config.gatewayPort);
    log.info('gateway listening', { port, url: `http://localhost:${port}/graphql` });
    const stop = async (signal: string) => {
      log.info('gateway stopping', { signal });
      await close(server.http);
      await server.apollo.stop();
      process.exit(0);
    };
    process.once('SIGTERM', (s) => void stop(s));
    process.once('SIGINT', (s) => void stop(s));
  } catch (error) {
    log.error('gateway failed to start', { error: error instanceof ConfigError ? error.message : String(error) });
    process.exit(1);
  }
}

void main();
