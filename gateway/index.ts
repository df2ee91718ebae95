import fs from 'node:fs';
import { ConfigError, loadConfig } from '../lib/config';
import { close, listen } from '../lib/http/graphqlHttpServer';
import { log } from '../lib/log';
import { startGateway } from './startup';

/** @throws ConfigError when the supergraph file cannot be read. */
function readSupergraph(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`ONEROOF_SUPERGRAPH_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const server = await startGateway(config, readSupergraph(config.supergraphFile));
    const port = await listen(server.http, config.gatewayPort);
    log.info('gateway listening', { port, url: `http://localhost:${port}/graphql` });
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) process.exit(1); // a second signal: stop waiting
      stopping = true;
      log.info('gateway stopping', { signal, graceMs: config.resilience.shutdownGraceMs });
      // In-flight requests finish (their subgraph calls are bounded by the timeouts); the rest is cut off after the grace period.
      await close(server.http, config.resilience.shutdownGraceMs);
      await server.apollo.stop();
      process.exit(0);
    };
    process.on('SIGTERM', (s) => void stop(s));
    process.on('SIGINT', (s) => void stop(s));
  } catch (error) {
    log.error('gateway failed to start', { error: error instanceof ConfigError ? error.message : String(error) });
    process.exit(1);
  }
}

void main();
