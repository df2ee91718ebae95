import type { TokenVerifier } from '../lib/auth/tokens';
import type { RequestHead } from '../lib/http/graphqlHttpServer';
import { authenticate } from '../lib/requestContext';
import type { RequestContext } from '../lib/viewer';
import type { BasisCheck } from './basisCheck';
import type { RemovedField } from './fieldFilter';

/** The gateway's context: the verified request plus what the pre-planning filter took out of it. */
export interface GatewayContext extends RequestContext {
  /** Fields removed above the ceiling, answered `null` with `FORBIDDEN` once the plan has run. */
  withheld: readonly RemovedField[];
}

/**
 * Authenticates a request (token, purpose and the basis it claims, as every subgraph does again)
 * into a context with nothing withheld yet; the operation filter fills `withheld` in. A claimed
 * conference is checked with the FJC (`checkBasis`) before anything is planned.
 * @throws GraphQLError UNAUTHENTICATED, PURPOSE_REQUIRED, INVALID_BASIS or AGENCY_UNAVAILABLE,
 *   answered by Apollo with its HTTP status.
 */
export function createGatewayContext(verifyToken: TokenVerifier, checkBasis?: BasisCheck) {
  return async (req: RequestHead, requestId: string): Promise<GatewayContext> => {
    const request = await authenticate(req.headers, verifyToken, requestId);
    await checkBasis?.(request);
    return { ...request, withheld: [] };
  };
}
