import type { TokenVerifier } from '../lib/auth/tokens';
import type { RequestHead } from '../lib/http/graphqlHttpServer';
import type { RequestScope } from '../lib/http/requestScope';
import { authenticate } from '../lib/requestContext';
import type { Viewer } from '../lib/viewer';
import type { BasisCheck } from './basisCheck';
import type { DeliveryReporter } from './deliveryReport';
import type { GatewayContext, RequestWork } from './gatewayContext';
import type { ViewerGate } from './viewerGate';

export type { GatewayContext, RequestWork, SubgraphCall } from './gatewayContext';

/** The key of a viewer's lane at the gateway's gate: one per staff member of one agency. */
export function viewerKey(viewer: Viewer): string {
  return `${viewer.agency}/${viewer.sub}`;
}

/**
 * Authenticates a request (token, purpose and the basis it claims, as every subgraph does again)
 * into a context with nothing withheld yet; the operation filter fills `withheld` and `cost` in. A
 * claimed conference is checked with the FJC (`checkBasis`) before anything is planned. Once the
 * response is over, `reporter` tells the agencies which of its calls' answers never reached the viewer.
 * @throws GraphQLError UNAUTHENTICATED, PURPOSE_REQUIRED, INVALID_BASIS or AGENCY_UNAVAILABLE,
 *   answered by Apollo with its HTTP status.
 */
export function createGatewayContext(verifyToken: TokenVerifier, checkBasis?: BasisCheck, reporter?: DeliveryReporter) {
  return async (req: RequestHead, requestId: string, scope?: RequestScope): Promise<GatewayContext> => {
    const request = await authenticate(req.headers, verifyToken, requestId);
    await checkBasis?.(request);
    const work: RequestWork = { entities: 0, failedAgencies: new Set(), calls: [] };
    if (reporter) scope?.onEnd((delivered) => reporter.report(requestId, work.calls, delivered));
    return { ...request, scope, withheld: [], cost: 0, work };
  };
}

/**
 * Waits for a slot in the viewer's lane at `gate`, weighed by the request's cost, and frees it when
 * the response is over. A request without a scope (run inside the process) is not gated.
 * @throws GraphQLError TOO_MANY_REQUESTS (429, `Retry-After`).
 */
export async function admit(gate: ViewerGate, context: GatewayContext): Promise<void> {
  if (!context.scope) return;
  context.scope.onEnd(await gate.admit(viewerKey(context.viewer), context.scope, context.cost));
}
