import type { AgencyId } from '../lib/agencies';
import type { RequestContext } from '../lib/viewer';
import type { RemovedField } from './fieldFilter';

/*
 * The shape of the gateway's per-request context, apart from the code that builds it (context.ts):
 * the agency calls (dataSource.ts) and the delivery reports (deliveryReport.ts) read it, and the
 * context's builder uses both, so the types live below all three.
 */

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
