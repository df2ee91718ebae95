import type { AgencyId } from '../lib/agencies';
import { OUTCOMES_PATH, type OutcomeReport } from '../lib/kit/disclosure/outcomeRoute';
import type { UndeliveredReason } from '../lib/kit/disclosure/outcomes';
import { GATEWAY_SIGNATURE_HEADER, type GatewaySigner } from '../lib/auth/gatewaySignature';
import { createKeepAliveFetch, type KeepAliveFetch } from '../lib/http/keepAliveFetch';
import { log } from '../lib/log';
import { Headers } from '../lib/requestContext';
import type { SubgraphCall } from './gatewayContext';
import type { SubgraphRoute } from './subgraphs';

export interface DeliveryReporterOptions {
  /** Every subgraph of the supergraph, by name, with its `/graphql` URL; the report goes to `/audit/outcomes` beside it. */
  routes: ReadonlyMap<string, Pick<SubgraphRoute, 'url'>>;
  /** Signs each report: agencies accept only reports the gateway signed. */
  signer: GatewaySigner;
  /** Waits before each further attempt at a report no agency answered, in ms; default 1 s, then 5 s. */
  retryDelaysMs?: readonly number[];
  /** How the reports reach the agencies: the gateway's own transport to them; default HTTP with keep-alive. */
  transport?: KeepAliveFetch;
}

export interface DeliveryReporter {
  /**
   * Once a request's response is over: tells each agency that served one of its calls whose answer
   * never reached the viewer. Returns at once; the reports go out in the background.
   * @param delivered - whether the gateway's response was written in full.
   */
  report(requestId: string, calls: readonly SubgraphCall[], delivered: boolean): void;
}

/** The calls of one request whose answers did not reach the viewer, by agency. */
export function undeliveredCalls(calls: readonly SubgraphCall[], delivered: boolean): Map<AgencyId, OutcomeReport['outcomes']> {
  const byAgency = new Map<AgencyId, OutcomeReport['outcomes']>();
  for (const call of calls) {
    const reason: UndeliveredReason | undefined = !call.received ? 'NOT_RECEIVED_BY_GATEWAY' : delivered ? undefined : 'VIEWER_GONE';
    if (!reason) continue;
    byAgency.set(call.agency, [...(byAgency.get(call.agency) ?? []), { fetchId: call.fetchId, reason }]);
  }
  return byAgency;
}

/**
 * Records, where the disclosures were recorded, what happened to each answer. An agency writes its
 * disclosure record before its answer leaves (no record, no release); when the gateway then stops
 * waiting for that answer, or cannot hand its own answer to the viewer, the viewer never saw the
 * data, and the subject access report must say so. So the gateway, which alone knows, reports each
 * such call to its agency over a signed internal call (`POST /audit/outcomes`), and the agency adds
 * an outcome to its own hash-chained log. A report that gets no answer is tried again twice.
 */
export function createDeliveryReporter(options: DeliveryReporterOptions): DeliveryReporter {
  const send = options.transport ?? createKeepAliveFetch();
  const delays = options.retryDelaysMs ?? [1000, 5000];

  async function deliver(agency: AgencyId, requestId: string, outcomes: OutcomeReport['outcomes']): Promise<void> {
    const route = options.routes.get(agency);
    if (!route) return log.error('delivery outcome not reported: no such subgraph', { agency, requestId });
    const url = route.url.replace(/graphql\/?$/, OUTCOMES_PATH.slice(1));
    const body = JSON.stringify({ outcomes } satisfies OutcomeReport);
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]).unref());
      try {
        // A fresh signature each time: an agency accepts each signature once.
        const signature = await options.signer.sign({ method: 'POST', body, requestId, audience: agency });
        const headers = { 'content-type': 'application/json', [Headers.requestId]: requestId, [GATEWAY_SIGNATURE_HEADER]: signature };
        const response = await send(url, { method: 'POST', headers, body, timeoutMs: 2000 });
        if (response.status < 500) {
          if (!response.ok) log.error('delivery outcome refused', { agency, requestId, status: response.status });
          return;
        }
      } catch {
        // no answer: try again
      }
    }
    log.error('delivery outcome not reported', { agency, requestId, calls: outcomes.length });
  }

  return {
    report(requestId, calls, delivered) {
      const undelivered = undeliveredCalls(calls, delivered);
      if (undelivered.size === 0) return;
      log.info('answer not delivered', { requestId, viewerGone: !delivered, agencies: [...undelivered.keys()].sort() });
      for (const [agency, outcomes] of undelivered) void deliver(agency, requestId, outcomes);
    },
  };
}
