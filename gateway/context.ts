import type { AgencyId } from '../lib/agencies';
import type { TokenVerifier } from '../lib/auth/tokens';
import type { RequestHead } from '../lib/http/graphqlHttpServer';
import type { RequestScope } from '../lib/http/requestScope';
import { authenticate } from '../lib/requestContext';
import type { RequestContext, Viewer } from '../lib/viewer';
import type { BasisCheck } from './basisCheck';
import type { RemovedField } from './fieldFilter';
import type { DeliveryReporter } from './deliveryReport';
import type { ViewerGate } from './viewerGate';

/** One call the gateway sent to an agency for this request, and whether its answer came back. */
export interface SubgraphCall {
  agency: AgencyId;
  /** The call's id, signed and sent with it (`x-oneroof-fetch-id`). */
  fetchId: string;
  /** `true` once the agency's answer was read; `false` when the gateway stopped waiting or the call broke. */
  received: boolean;
}

/** What one request has asked of the agencies so far, shared by every subgraph call it makes. */
export interface RequestWork {
  /** Entities asked of subgraphs: representations of entity fetches, the ids of a root fetch (`entitiesOf`). */
  entities: number;
  /** Agencies whose failure this request already counted against their circuit: one per request. */
  failedAgencies: Set<AgencyId>;
  calls: SubgraphCall[];
}

/** The gateway's context: the verified request plus what the pre-planning filter took out of it. */
export interface GatewayContext extends RequestContext {
  /** Fields removed above the ceiling, answered `null` with `FORBIDDEN` once the plan has run. */
  withheld: readonly RemovedField[];
  /** The operation's estimated cost (README, Limits and resilience), once the operation filter has read it; 0 before. */
  cost: number;
  work: RequestWork;
}

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
