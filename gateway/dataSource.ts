import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import type { AgencyId } from '../lib/agencies';
import { GATEWAY_SIGNATURE_HEADER, type GatewaySigner } from '../lib/auth/gatewaySignature';
import { createKeepAliveFetch, type KeepAliveFetch } from '../lib/http/keepAliveFetch';
import { encodeEmergencyReason } from '../lib/basisHeaders';
import { log } from '../lib/log';
import { Headers } from '../lib/requestContext';
import type { RequestContext } from '../lib/viewer';
import { createCircuitBreaker, type CircuitBreaker } from './circuitBreaker';
import { noteSubgraphCall } from './requestLog';
import { agencyError, agencyUnavailable } from '../lib/errors';
import { errorAt, errorsAtFetch, fetchPaths } from './unavailable';

export interface AgencyDataSourceOptions {
  agency: AgencyId;
  url: string;
  /** Signs every subgraph request (method, exact body, request id, time) for this agency. */
  signer?: GatewaySigner;
  /** Longest wait for this agency's answer, headers and body, in ms; default 2000. */
  timeoutMs?: number;
  /** This agency's circuit; default a fresh one (3 failures, 5 s cool-down). */
  breaker?: CircuitBreaker;
  /** How requests reach the subgraph; default pooled keep-alive HTTP (tests pass an in-process one). */
  transport?: KeepAliveFetch;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetchInit = { method?: string; body?: string; headers?: Record<string, string> };

/**
 * Sends one request to an agency's subgraph over `transport` (a keep-alive HTTP client with a
 * deadline, lib/http/keepAliveFetch.ts), signing the exact bytes it sends when there is a signer:
 * the subgraph checks the signature against the body it receives, so a captured request cannot be
 * altered, replayed or sent to another agency. The deadline covers reading the body too.
 */
export function signedSend(agency: AgencyId, timeoutMs: number, signer: GatewaySigner | undefined, transport: KeepAliveFetch) {
  return async (url: string, init: FetchInit) => {
    const headers = { ...init.headers };
    if (signer) {
      headers[GATEWAY_SIGNATURE_HEADER] = await signer.sign({
        method: init.method ?? 'POST',
        body: init.body ?? '',
        requestId: headers[Headers.requestId] ?? '',
        audience: agency,
      });
    }
    return transport(url, { ...init, headers, timeoutMs });
  };
}

/**
 * What a subgraph needs to decide for itself: the caller's own token, purpose, the basis it
 * claims (the emergency reason in its ASCII form) and the request id.
 */
export function identityHeaders(context: Partial<RequestContext>): Record<string, string> {
  const headers: Record<string, string> = {
    [Headers.authorization]: `Bearer ${context.token}`,
    [Headers.purpose]: context.purpose ?? '',
    [Headers.requestId]: context.requestId ?? '',
  };
  if (context.conferenceId) headers[Headers.conferenceId] = context.conferenceId;
  if (context.emergencyReason) headers[Headers.emergencyReason] = encodeEmergencyReason(context.emergencyReason);
  return headers;
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { extensions?: { response?: { status?: unknown } } }).extensions?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A subgraph that answered with an HTTP status (4xx) is up: only silence, timeouts and 5xx trip the circuit. */
function isOutage(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === undefined || status >= 500;
}

/**
 * Whether the agency itself answered: any HTTP status but the ones a proxy gives for a service
 * behind it that did not (502, 503, 504). No status at all is silence: a timeout, a refused or cut
 * connection.
 */
function agencyAnswered(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== undefined && status !== 502 && status !== 503 && status !== 504;
}

/**
 * Calls one agency's subgraph with the caller's own token, purpose, legal-basis headers and request
 * id: the subgraph verifies the token itself and decides what leaves it. Each agency is reached
 * over pooled keep-alive connections.
 *
 * An agency that fails or does not answer within its timeout never fails the whole request: its
 * fields answer `null` with AGENCY_UNAVAILABLE (see `unavailableErrors`) and every other agency's
 * data is served. Nothing is retried (a mutation must reach an agency at most once), and once the
 * agency's circuit is open the gateway answers for it at once, without calling it.
 */
export class AgencyDataSource extends RemoteGraphQLDataSource<RequestContext> {
  readonly agency: AgencyId;
  readonly breaker: CircuitBreaker;

  constructor(options: AgencyDataSourceOptions) {
    const send = signedSend(options.agency, options.timeoutMs ?? 2000, options.signer, options.transport ?? createKeepAliveFetch());
    super({ url: options.url, fetcher: send as unknown as Fetcher });
    this.agency = options.agency;
    this.breaker = options.breaker ?? createCircuitBreaker();
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<RequestContext>): void {
    const { http } = options.request;
    const context = options.context as Partial<RequestContext>;
    if (!http || !context.viewer) return;
    noteSubgraphCall(options.context, this.agency);
    for (const [name, value] of Object.entries(identityHeaders(context))) http.headers.set(name, value);
  }

  /**
   * An agency that answered but failed inside (its store, a value its schema cannot represent, a
   * bug) reports an error without a code of ours, which the gateway would mask as a generic one: to
   * the client that is this agency answering with an error (AGENCY_ERROR, with the agency's name),
   * not an agency that did not answer. An entity that failed as a whole (`['_entities', i]`) gets
   * one error per agency file it was asked for. Logged by request id and place, never the message
   * (it may quote a value); the agency logs its own cause under the same request id.
   */
  private asContractErrors(error: GraphQLFormattedError, paths: () => (string | number)[][], requestId: string | undefined): GraphQLFormattedError[] {
    const code = error.extensions?.code;
    if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return [error];
    const at = error.path;
    log.warn('agency error', { agency: this.agency, requestId, path: at?.join('.'), code: code === undefined ? 'none' : String(code) });
    if (at?.length === 2 && at[0] === '_entities') {
      const fields = paths().filter((path) => path[0] === at[0] && path[1] === at[1]);
      if (fields.length > 0) return fields.map((path) => errorAt(agencyError(this.agency), path));
    }
    return [errorAt(agencyError(this.agency), at)];
  }

  override async process(options: GraphQLDataSourceProcessOptions<RequestContext>): Promise<GatewayGraphQLResponse> {
    const { query, variables } = options.request;
    const requestId = (options.context as Partial<RequestContext>).requestId;
    const ticket = this.breaker.tryAcquire();
    if (!ticket) return { errors: errorsAtFetch(agencyUnavailable(this.agency), query, variables) };
    try {
      const response = await super.process(options);
      ticket.success();
      if (!response.errors) return response;
      let paths: (string | number)[][] | undefined;
      const fetched = () => (paths ??= fetchPaths(query, variables));
      return { ...response, errors: response.errors.flatMap((error) => this.asContractErrors(error, fetched, requestId)) };
    } catch (error) {
      if (isOutage(error)) ticket.failure();
      else ticket.success();
      const answered = agencyAnswered(error);
      const kind = error instanceof Error ? error.name : typeof error;
      log.warn(answered ? 'agency error' : 'agency unavailable', { agency: this.agency, requestId, kind, status: httpStatusOf(error), circuit: this.breaker.state });
      return { errors: errorsAtFetch(answered ? agencyError(this.agency) : agencyUnavailable(this.agency), query, variables) };
    }
  }
}
