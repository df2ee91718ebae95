import { randomUUID } from 'node:crypto';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLErrorOptions, type GraphQLFormattedError } from 'graphql';
import type { AgencyId } from '../lib/agencies';
import { BUDGET_HEADER, FETCH_ID_HEADER, GATEWAY_SIGNATURE_HEADER, type GatewaySigner } from '../lib/auth/gatewaySignature';
import { agencyError, agencyUnavailable, BUILT_ERROR_PROTOTYPE, hidden } from '../lib/errors';
import { encodeEmergencyReason } from '../lib/basisHeaders';
import { createKeepAliveFetch, type KeepAliveFetch } from '../lib/http/keepAliveFetch';
import { log } from '../lib/log';
import { Headers } from '../lib/requestContext';
import type { RequestContext } from '../lib/viewer';
import { createCircuitBreaker, type BreakerTicket, type CircuitBreaker } from './circuitBreaker';
import type { GatewayContext } from './gatewayContext';
import { tooManyEntities } from './errors';
import { noteSubgraphCall } from './requestLog';
import { errorAt, errorsAtFetch, fetchPaths } from './unavailable';

export interface AgencyDataSourceOptions {
  agency: AgencyId;
  url: string;
  /** Signs every subgraph request (method, exact body, request id, time, budget, call id) for this agency. */
  signer?: GatewaySigner;
  /** Longest wait for this agency's answer, headers and body, in ms; default 2000. */
  timeoutMs?: number;
  /** This agency's circuit; default a fresh one (3 failures, 5 s cool-down). */
  breaker?: CircuitBreaker;
  /** Entities one request may send to all agencies together; default no limit. */
  maxFanout?: number;
  /** A call with more entities than this that times out does not count against the circuit; default 50. */
  largeFetch?: number;
  /** How requests reach the subgraph; default pooled keep-alive HTTP (tests pass an in-process one). */
  transport?: KeepAliveFetch;
}

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type FetchInit = { method?: string; body?: string; headers?: Record<string, string> };
type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** `GraphQLError` where Apollo's gateway reads it, at every construction: the module's own export. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module object graphql-js's getters read
const graphqlErrorModule = require('graphql/error/GraphQLError') as { GraphQLError: typeof GraphQLError };
const ConstructedGraphQLError = graphqlErrorModule.GraphQLError;

/**
 * Builds, for `new GraphQLError(message, { path, originalError, extensions })` (Apollo's
 * `downstreamServiceError`, its only use while an agency's errors are rebuilt), the same error as
 * the constructor: same prototype, the same own properties in the same order (message, path,
 * locations, extensions enumerable; originalError and stack not), the same `toJSON`. Without the
 * constructor's bookkeeping: six property definitions and a stack capture, 8 µs per error even at
 * a stack limit of 0, on the gateway's critical path once per withheld field. Anything else (nodes,
 * a source, positions, another form of arguments) goes to the constructor.
 */
function RebuiltGraphQLError(this: unknown, message: string, ...rest: unknown[]): GraphQLError {
  const options = rest[0] as GraphQLErrorOptions | undefined;
  const plain = rest.length === 1 && typeof options === 'object' && options !== null && options.nodes == null && options.source == null && options.positions == null;
  if (!plain) return Reflect.construct(ConstructedGraphQLError, [message, ...rest], ConstructedGraphQLError);
  const originalError = options.originalError ?? undefined;
  const originalExtensions = originalError?.extensions;
  const error = Object.create(BUILT_ERROR_PROTOTYPE) as { -readonly [K in keyof GraphQLError]: unknown };
  error.message = message;
  error.path = options.path ?? undefined;
  error.locations = undefined;
  error.extensions = options.extensions ?? (typeof originalExtensions === 'object' && originalExtensions !== null ? originalExtensions : Object.create(null));
  Object.defineProperty(error, 'originalError', hidden(originalError));
  Object.defineProperty(error, 'stack', hidden(originalError?.stack || `GraphQLError: ${message}`));
  return error as unknown as GraphQLError;
}
RebuiltGraphQLError.prototype = GraphQLError.prototype;

/**
 * An agency's errors as Apollo's gateway receives them: it rebuilds each as a `GraphQLError` with
 * `errors.map` right after the call returns (executeQueryPlan.ts, `downstreamServiceError`). A
 * withheld field is one error, an answer rather than a fault, and a caseload of 200 clients brings
 * thousands: the constructor's stack captures were half the gateway's CPU for it, and its property
 * bookkeeping, even without them, 8 µs per error. So while Apollo maps these errors, and only then
 * (synchronously, restored before `map` returns), `GraphQLError` builds them as
 * `RebuiltGraphQLError` does, with stack capture off for anything it still constructs. The stack
 * would name the gateway's own fetch code, never the fault (which is in the agency, logged there
 * under the request id), and no log or answer of OneRoof prints it.
 * tests/federation/gatewayErrors.test.ts fails should Apollo stop rebuilding them through `map`;
 * tests/unit/rebuiltErrors.test.ts compares the errors with constructed ones.
 */
export class ErrorsWithoutStackTraces<T> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  static holding<T>(items: readonly T[]): ErrorsWithoutStackTraces<T> {
    const errors = new ErrorsWithoutStackTraces<T>();
    for (const item of items) errors.push(item);
    return errors;
  }

  override map<U>(rebuild: (value: T, index: number, array: T[]) => U, thisArg?: unknown): U[] {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    graphqlErrorModule.GraphQLError = RebuiltGraphQLError as unknown as typeof GraphQLError;
    try {
      return super.map(rebuild, thisArg);
    } finally {
      graphqlErrorModule.GraphQLError = ConstructedGraphQLError;
      Error.stackTraceLimit = limit;
    }
  }
}

/** One call as this data source plans it before Apollo sends it. */
interface Call {
  fetchId: string;
  /** What the gateway will wait: the agency's timeout, or less when the request's own budget is shorter. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Sends one request to an agency's subgraph over `transport` (a keep-alive HTTP client with a
 * deadline, lib/http/keepAliveFetch.ts), signing the exact bytes it sends when there is a signer,
 * with the call's budget and id (`x-oneroof-budget-ms`, `x-oneroof-fetch-id`) when it carries them:
 * the subgraph checks the signature against what it receives, so a captured request cannot be
 * altered, replayed or sent to another agency. The deadline covers reading the body too, and is the
 * call's budget when it names one; the call is cut off when its entry in `signals` fires.
 * @param signals - the abort signals of calls on their way out, by call id; default none.
 */
export function signedSend(agency: AgencyId, timeoutMs: number, signer: GatewaySigner | undefined, transport: KeepAliveFetch, signals?: Map<string, AbortSignal>) {
  return async (url: string, init: FetchInit) => {
    const headers = { ...init.headers };
    const fetchId = headers[FETCH_ID_HEADER];
    const budget = headers[BUDGET_HEADER];
    const callTimeoutMs = budget === undefined ? timeoutMs : Number(budget);
    const signal = fetchId === undefined ? undefined : signals?.get(fetchId);
    if (fetchId !== undefined) signals?.delete(fetchId);
    if (signer) {
      headers[GATEWAY_SIGNATURE_HEADER] = await signer.sign({
        method: init.method ?? 'POST', body: init.body ?? '', requestId: headers[Headers.requestId] ?? '', audience: agency,
        ...(budget === undefined ? {} : { budgetMs: callTimeoutMs }), ...(fetchId === undefined ? {} : { fetchId }),
      });
    }
    return transport(url, { ...init, headers, timeoutMs: callTimeoutMs, signal });
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

/** The agency answered with an HTTP status other than 2xx (the shape Apollo's data source gave such an error). */
class AgencyAnsweredWithStatus extends Error {
  override name = 'AgencyAnsweredWithStatus';
  readonly extensions: { response: { status: number } };

  constructor(status: number) {
    super(`the agency answered HTTP ${status}`);
    this.extensions = { response: { status } };
  }
}

/** The call did not get its answer because the request it belongs to ended (deadline or caller gone). */
class CallAbandoned extends Error {
  override name = 'CallAbandoned';
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { extensions?: { response?: { status?: unknown } } }).extensions?.response?.status;
  return typeof status === 'number' ? status : undefined;
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
 * How many things one call asks the agency about: the representations of an entity fetch, or the
 * longest list a root fetch passes (`clients(ids: [...])`), else 1.
 */
function entitiesOf(variables: Record<string, unknown> | undefined): number {
  const lists = Object.values(variables ?? {}).filter((value): value is unknown[] => Array.isArray(value));
  return Math.max(1, ...lists.map((list) => list.length));
}

/**
 * Calls one agency's subgraph with the caller's own token, purpose, legal-basis headers and request
 * id, over pooled keep-alive connections (lib/http/keepAliveFetch.ts): the subgraph verifies the
 * token itself and decides what leaves it. Every call is signed (the exact bytes, and the budget and
 * call id headers) when there is a signer.
 *
 * No request may make another user's answers worse:
 * - a request sends at most `maxFanout` entities to the agencies in all; a call that would pass it is
 *   not sent, its fields answer TOO_MANY_ENTITIES;
 * - a call waits at most what remains of the request's budget (`RequestScope`), tells the agency so
 *   (`x-oneroof-budget-ms`, signed) so it stops then too, and is cut off when the caller goes away;
 * - the circuit counts a failure of the agency at most once per request, and not at all when the
 *   call ran out of the request's own time, or timed out carrying more than `largeFetch` entities:
 *   one caller's oversized request does not open the circuit for everyone.
 * An agency that fails or does not answer never fails the whole request: its fields answer `null`
 * with AGENCY_UNAVAILABLE (no answer) or AGENCY_ERROR (an answer with an uncoded error), every other
 * agency's data is served. Nothing is retried (a mutation must reach an agency at most once).
 */
export class AgencyDataSource implements GraphQLDataSource<GatewayContext> {
  readonly agency: AgencyId;
  readonly breaker: CircuitBreaker;
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly maxFanout: number;
  private readonly largeFetch: number;
  private readonly send: ReturnType<typeof signedSend>;
  /** Signals of calls on their way out, by call id, for the sender (which sees only the request's headers). */
  private readonly signals = new Map<string, AbortSignal>();

  constructor(options: AgencyDataSourceOptions) {
    this.send = signedSend(options.agency, options.timeoutMs ?? 2000, options.signer, options.transport ?? createKeepAliveFetch(), this.signals);
    this.url = options.url;
    this.agency = options.agency;
    this.breaker = options.breaker ?? createCircuitBreaker();
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.maxFanout = options.maxFanout ?? Infinity;
    this.largeFetch = options.largeFetch ?? 50;
  }

  /**
   * One call as Apollo's RemoteGraphQLDataSource made it (a JSON POST of the operation, its
   * variables and name; a non-2xx answer an error carrying the status; a body that is not JSON an
   * error), without the `node-fetch` header and request objects it built for every call, a tenth
   * of the gateway's CPU per view: with the caller's identity headers, the call's budget and id,
   * signed by `signedSend`.
   */
  private async call(options: Options, call: Call): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<GatewayContext>;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context.viewer) {
      noteSubgraphCall(options.context, this.agency);
      Object.assign(headers, identityHeaders(context));
      headers[BUDGET_HEADER] = String(call.timeoutMs);
      headers[FETCH_ID_HEADER] = call.fetchId;
      if (call.signal) this.signals.set(call.fetchId, call.signal);
    }
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    const response = await this.send(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables, operationName, extensions }) });
    if (!response.ok) throw new AgencyAnsweredWithStatus(response.status);
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) throw new Error('the agency answered something other than JSON');
    const body = await response.json();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('the agency answered JSON that is not a GraphQL response');
    return body as GatewayGraphQLResponse;
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

  /**
   * Reports a call that got no usable answer to the agency's circuit: a failure of the agency
   * (counted once per request), or inconclusive when the request itself explains it.
   */
  private settleFailure(ticket: BreakerTicket, error: unknown, call: Call, entities: number, work: GatewayContext['work'] | undefined): void {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const ownFault = error instanceof CallAbandoned || (timedOut && (call.timeoutMs < this.timeoutMs || entities > this.largeFetch));
    if (httpStatusOf(error) !== undefined && httpStatusOf(error)! < 500) return ticket.success(); // it answered: it is up
    if (ownFault || work?.failedAgencies.has(this.agency)) return ticket.inconclusive();
    work?.failedAgencies.add(this.agency);
    ticket.failure();
  }

  async process(options: Options): Promise<GatewayGraphQLResponse> {
    const { query, variables } = options.request;
    const context = options.context as Partial<GatewayContext>;
    const { requestId, scope, work } = context;
    const entities = entitiesOf(variables);
    if (work && work.entities + entities > this.maxFanout) {
      log.info('fan-out limit', { agency: this.agency, requestId, entities, sent: work.entities, limit: this.maxFanout });
      return { errors: errorsAtFetch(tooManyEntities(this.agency, this.maxFanout), query, variables) };
    }
    const remainingMs = scope ? scope.remainingMs() : Infinity;
    if (remainingMs <= 0 || scope?.signal.aborted) return { errors: errorsAtFetch(agencyUnavailable(this.agency), query, variables) };
    const ticket = this.breaker.tryAcquire();
    if (!ticket) return { errors: errorsAtFetch(agencyUnavailable(this.agency), query, variables) };
    if (work) work.entities += entities;
    const call: Call = { fetchId: randomUUID(), timeoutMs: Math.min(this.timeoutMs, remainingMs), signal: scope?.signal };
    const record = { agency: this.agency, fetchId: call.fetchId, received: false };
    work?.calls.push(record);
    try {
      const response = await this.call(options, call);
      record.received = true;
      ticket.success();
      if (!response.errors) return response;
      let paths: (string | number)[][] | undefined;
      const fetched = () => (paths ??= fetchPaths(query, variables));
      const errors = ErrorsWithoutStackTraces.holding(response.errors.flatMap((error) => this.asContractErrors(error, fetched, requestId)));
      return { ...response, errors };
    } catch (raw) {
      const error = scope?.signal.aborted && !(raw instanceof Error && raw.name === 'TimeoutError') ? new CallAbandoned(String(scope.signal.reason)) : raw;
      this.settleFailure(ticket, error, call, entities, work);
      const answered = agencyAnswered(error);
      const kind = error instanceof Error ? error.name : typeof error;
      log.warn(answered ? 'agency error' : 'agency unavailable', { agency: this.agency, requestId, kind, status: httpStatusOf(error), entities, circuit: this.breaker.state });
      return { errors: errorsAtFetch(answered ? agencyError(this.agency) : agencyUnavailable(this.agency), query, variables) };
    } finally {
      this.signals.delete(call.fetchId);
    }
  }
}
