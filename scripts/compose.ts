import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../schema/compose';

try {
  fs.writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
