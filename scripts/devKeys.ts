import { ensureDevKeys } from '../lib/auth/devKeys';
import { loadConfig } from '../lib/config';

// Used by the compose file's seed service: the development keys every container shares.
const config = loadConfig();
if (config.production) {
  process.stderr.write('development keys are never created with NODE_ENV=production.\n');
  process.exit(2);
}
void ensureDevKeys(config.dataDir).then(() => process.stderr.write(`development keys ready in ${config.dataDir}/dev-issuer\n`));
