import { ensureDevIssuer } from './devIssuer';
import { ensureDevGatewayKeys } from './gatewaySignature';
import { ensureDevPairKeys } from './pairKeys';

/**
 * Creates the development keys every local process shares (token issuer, gateway signatures and
 * pair keys)
 * once, before several processes race to create them. Never used in production.
 */
export async function ensureDevKeys(dataDir: string): Promise<void> {
  await ensureDevIssuer(dataDir);
  await ensureDevGatewayKeys(dataDir);
  ensureDevPairKeys(dataDir, 'gateway');
  ensureDevPairKeys(dataDir, 'assertion');
}
