import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../schema/compose';
import { DOCKER_COMPOSE_FILE, renderDockerCompose } from './dockerCompose';

/**
 * `npm run compose`: writes the files generated from the registry and the subgraph schemas, the
 * supergraph and docker-compose.yml (tests fail when either is stale).
 */
try {
  fs.writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
  fs.writeFileSync(DOCKER_COMPOSE_FILE, renderDockerCompose());
  process.stdout.write(`wrote ${DOCKER_COMPOSE_FILE}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
