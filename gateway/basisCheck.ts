import { GraphQLError } from 'graphql';
import type { GatewaySigner } from '../lib/auth/gatewaySignature';
import { agencyUnavailable, ErrorCode, invalidBasis, unauthenticated } from '../lib/errors';
import { createKeepAliveFetch, type KeepAliveFetch } from '../lib/http/keepAliveFetch';
import { log } from '../lib/log';
import type { RequestContext } from '../lib/viewer';
import { identityHeaders, signedSend } from './dataSource';

export interface BasisCheckOptions {
  /** The FJC subgraph's `/graphql`. */
  url: string;
  signer?: GatewaySigner;
  /** Longest wait for the FJC's answer, in ms. */
  timeoutMs: number;
  /** Default pooled keep-alive HTTP. */
  transport?: KeepAliveFetch;
}

/** Checks the legal basis a request claims before anything is planned; resolves when it holds. */
export type BasisCheck = (request: RequestContext) => Promise<void>;

/** The smallest operation the FJC answers: its pipeline checks the request's basis before it runs anything. */
const CHECK = JSON.stringify({ query: 'query BasisCheck { __typename }', operationName: 'BasisCheck' });

interface FjcAnswer {
  errors?: { message?: string; extensions?: { code?: unknown; header?: unknown } }[];
}

/**
 * The gateway's check of a claimed security conference, before planning: the FJC alone knows
 * whether a conference exists, is open and counts the viewer among its participants, so the gateway
 * asks it, in a signed request with the caller's own token and headers. The FJC refuses an
 * invalid basis for every request anyway (subgraphs never trust the gateway); asking first means
 * no other agency is asked anything under a basis that does not hold. An FJC that cannot answer
 * leaves the basis unchecked: the request is refused (fail closed) as AGENCY_UNAVAILABLE, 503.
 */
export function createBasisCheck(options: BasisCheckOptions): BasisCheck {
  const send = signedSend('fjc', options.timeoutMs, options.signer, options.transport ?? createKeepAliveFetch());
  return async (request) => {
    if (request.purpose !== 'SECURITY_CONFERENCE') return;
    let status: number;
    let answer: FjcAnswer;
    try {
      const response = await send(options.url, {
        method: 'POST',
        body: CHECK,
        headers: { ...identityHeaders(request), 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      });
      status = response.status;
      answer = (await response.json()) as FjcAnswer;
    } catch (error) {
      log.warn('basis check failed', { requestId: request.requestId, kind: error instanceof Error ? error.name : typeof error });
      throw unavailable();
    }
    const refusal = answer.errors?.[0];
    if (status === 200 && !refusal) return;
    const code = refusal?.extensions?.code;
    if (code === ErrorCode.INVALID_BASIS) {
      throw invalidBasis(String(refusal?.extensions?.header ?? 'X-Conference-Id'), String(refusal?.message), status === 400 ? 400 : 403);
    }
    if (code === ErrorCode.UNAUTHENTICATED) throw unauthenticated();
    log.warn('basis check refused', { requestId: request.requestId, status, code: String(code) });
    throw unavailable();
  };
}

function unavailable(): GraphQLError {
  const error = agencyUnavailable('fjc');
  return new GraphQLError('The FJC could not check the security conference; nothing was asked of any agency.', {
    extensions: { ...error.extensions, http: { status: 503 } },
  });
}
