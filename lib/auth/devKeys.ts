import { ensureDevIssuer } from './devIssuer';
import { ensureDevGatewayKeys } from './gatewaySignature';

/**
 * Creates the development keys every local process shares (token issuer, gateway signatures)
 * once, before several processes race to create them. Never used in production.
 */
export async function ensureDevKeys(dataDir: string): Promise<void> {
  await ensureDevIssuer(dataDir);
  await ensureDevGatewayKeys(dataDir);
}
