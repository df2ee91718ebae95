import type { AgencyId } from '../../agencies';
import { GATEWAY_SIGNATURE_HEADER, type GatewaySignatureVerifier } from '../../auth/gatewaySignature';
import type { PostRoute } from '../../http/graphqlHttpServer';
import { log } from '../../log';
import type { DisclosureLog } from './disclosureLog';
import { UNDELIVERED_REASONS, type UndeliveredReason } from './outcomes';

/** Where the gateway reports, to each agency, the calls whose answers never reached the viewer. */
export const OUTCOMES_PATH = '/audit/outcomes';

/** The body of a report: the calls of one request whose answer was not delivered, and why. */
export interface OutcomeReport {
  outcomes: { fetchId: string; reason: UndeliveredReason }[];
}

/** Most calls one report may name: one request makes a handful per agency. */
const MAX_OUTCOMES = 100;

function refusal(status: number, code: string, message: string) {
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}

function reportOf(body: Buffer): OutcomeReport | undefined {
  try {
    const { outcomes } = JSON.parse(body.toString('utf8')) as { outcomes?: unknown };
    if (!Array.isArray(outcomes) || outcomes.length === 0 || outcomes.length > MAX_OUTCOMES) return undefined;
    const valid = outcomes.every((o: { fetchId?: unknown; reason?: unknown }) =>
      typeof o?.fetchId === 'string' && /^[A-Za-z0-9-]{1,100}$/.test(o.fetchId) && UNDELIVERED_REASONS.includes(o.reason as UndeliveredReason));
    return valid ? { outcomes: outcomes as OutcomeReport['outcomes'] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `POST /audit/outcomes` of every subgraph: the gateway's report that some of its calls' answers
 * never reached the viewer. Only the gateway may say so: the report must carry its signature (over
 * the exact body, the request id and this agency), whatever the environment, since a forged report
 * would make a delivered disclosure read as undelivered. Each call's records get an outcome in the
 * agency's own chain (DisclosureLog.recordUndelivered).
 */
export function outcomeRoute(agency: AgencyId, disclosureLog: DisclosureLog, verifier: GatewaySignatureVerifier): PostRoute {
  return async ({ method, body, headers, requestId }) => {
    const signature = headers[GATEWAY_SIGNATURE_HEADER];
    if (!(await verifier.verify({ signature: typeof signature === 'string' ? signature : undefined, method, body, requestId }))) {
      return refusal(401, 'UNAUTHENTICATED', 'This route accepts only reports signed by the gateway.');
    }
    const report = reportOf(body);
    if (!report) return refusal(400, 'BAD_REQUEST', `Send { "outcomes": [{ "fetchId", "reason" }] }: 1 to ${MAX_OUTCOMES} calls, reasons ${UNDELIVERED_REASONS.join(' or ')}.`);
    let recorded = 0;
    try {
      for (const { fetchId, reason } of report.outcomes) recorded += disclosureLog.recordUndelivered(fetchId, reason, requestId);
    } catch (error) {
      log.error('delivery outcome not recorded', { agency, requestId, kind: (error as Error).name });
      return refusal(503, 'AGENCY_UNAVAILABLE', 'The delivery outcome could not be recorded; report it again.');
    }
    log.info('delivery outcomes recorded', { agency, requestId, calls: report.outcomes.length, records: recorded });
    return { status: 200, body: { recorded } };
  };
}
