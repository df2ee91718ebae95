import { getOperationAST, GraphQLError, parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLRequestParts } from '../lib/http/graphqlHttpServer';
import { log } from '../lib/log';
import { ceilingOf } from '../lib/policy/ceilings';
import type { Category } from '../lib/viewer';
import { filterOperation, type RemovedField } from './fieldFilter';
import type { SensitiveFields } from './sensitiveFields';
import type { GatewayContext } from './context';
import type { CostEstimate, QueryLimiter } from './queryLimits';

export interface OperationFilterOptions {
  fields: SensitiveFields;
  /** The API schema Apollo validates against; `undefined` until the gateway has loaded. */
  schema: () => GraphQLSchema | undefined;
  /** Filtered texts remembered per ceiling and operation; default 500. */
  cacheSize?: number;
  /** The query limits, checked on the client's own text and document before anything else; default none. */
  limiter?: QueryLimiter;
}

interface Filtered {
  query: string;
  /** Shared by every request that sends this text with this ceiling: never modified. */
  removed: readonly RemovedField[];
  /** Why the text is refused (a query limit, no operation to run): answered with it, nothing is planned. */
  refusal?: GraphQLError;
  /** The estimated cost, when no variable changes it (then the same for every request). */
  cost?: number;
  /**
   * The client's document and the variables its cost depends on, when there are any: the cost is
   * then estimated per request, with that request's values (`costOf`).
   */
  costed?: { document: DocumentNode; variables: readonly string[]; estimates: Map<string, CostEstimate> };
}

/** Texts longer than this are filtered every time rather than held in memory. */
const MAX_CACHED_QUERY = 20_000;

type Variables = Record<string, unknown>;

interface Operation {
  query: string;
  operationName?: string;
  /** As sent; Apollo refuses values that are not an object, so they cost nothing here. */
  variables?: Variables;
}

function variablesOf(value: unknown): Variables | undefined {
  if (typeof value === 'string') {
    try {
      return variablesOf(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Variables) : undefined;
}

function operationOf(parts: GraphQLRequestParts): Operation | undefined {
  // Apollo reads the operation from the query string for GET and from the JSON body for POST only.
  if (parts.method === 'GET') {
    const params = new URLSearchParams(parts.search);
    const query = params.get('query');
    return query === null ? undefined : { query, operationName: params.get('operationName') ?? undefined, variables: variablesOf(params.get('variables')) };
  }
  const body = parts.body;
  if (parts.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables } = body as { query?: unknown; operationName?: unknown; variables?: unknown };
  if (typeof query !== 'string') return undefined;
  return { query, operationName: typeof operationName === 'string' ? operationName : undefined, variables: variablesOf(variables) };
}

function withQuery(parts: GraphQLRequestParts, query: string): GraphQLRequestParts {
  if (parts.method === 'GET') {
    const params = new URLSearchParams(parts.search);
    params.set('query', query);
    return { ...parts, search: `?${params.toString()}` };
  }
  return { ...parts, body: { ...(parts.body as Record<string, unknown>), query } };
}

/**
 * What graphql-js would only find when executing, and the gateway's executor answers with a 500:
 * no operation to run (several and no name, or a name not in the document), or an operation type
 * this schema has no root for (subscriptions). Answered as a request error instead.
 */
function operationProblem(document: DocumentNode, operationName: string | undefined, schema: GraphQLSchema): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
  if (!operation) return refuse(operationName === undefined ? 'Must provide operation name if query contains multiple operations.' : 'Unknown operation name.');
  if (!schema.getRootType(operation.operation)) return refuse(`This schema has no ${operation.operation} operations.`);
  return undefined;
}

function filterText(operation: Operation, ceiling: ReadonlySet<Category>, schema: GraphQLSchema, options: OperationFilterOptions): Filtered {
  const { query, operationName } = operation;
  // Counted before parsing: this parse is the first one, and must not be the one an attacker feeds.
  const tooLarge = options.limiter?.checkSize(query);
  if (tooLarge) return { query, removed: [], refusal: tooLarge };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { query, removed: [] }; // Apollo answers the syntax error; nothing executes
  }
  // On the client's document: the filter's placeholders are aliases, and would count against it.
  const costVariables = options.limiter?.costVariables(schema, document) ?? [];
  const overLimit = options.limiter?.checkShape(schema, document, costVariables.length > 0 ? {} : undefined);
  if (overLimit) return { query, removed: [], refusal: overLimit };
  // Same schema and a subset of Apollo's rules: whatever fails here, Apollo refuses too, unexecuted.
  if (validate(schema, document).length > 0) return { query, removed: [] };
  const unresolved = operationProblem(document, operationName, schema);
  if (unresolved) return { query, removed: [], refusal: unresolved };
  const costed = costVariables.length > 0 ? { document, variables: costVariables, estimates: new Map<string, CostEstimate>() } : undefined;
  const cost = costed ? undefined : options.limiter?.estimateCost(schema, document).cost;
  const filtered = filterOperation(document, schema, options.fields, ceiling, operationName);
  const kept = filtered.document === document ? { query, removed: [] } : { query: print(filtered.document), removed: filtered.removed };
  return { ...kept, cost, costed };
}

/** Costs per text remembered for this many sets of values (list lengths, page sizes). */
const COSTS_PER_TEXT = 50;

/**
 * This request's cost: the text's own, or, for a text whose cost depends on its variables, the
 * estimate with this request's values, remembered by the values that matter (the lengths of the
 * lists, the page sizes), not the ids themselves.
 */
function costOf(filtered: Filtered, variables: Variables | undefined, schema: GraphQLSchema, limiter: QueryLimiter | undefined): CostEstimate {
  const costed = filtered.costed;
  if (!costed || !limiter) return { cost: filtered.cost ?? 0 };
  const key = JSON.stringify(costed.variables.map((name) => {
    const value = variables?.[name];
    return Array.isArray(value) ? value.length : typeof value === 'number' ? value : null;
  }));
  let estimate = costed.estimates.get(key);
  if (!estimate) {
    estimate = limiter.estimateCost(schema, costed.document, variables);
    if (costed.estimates.size >= COSTS_PER_TEXT) costed.estimates.delete(costed.estimates.keys().next().value as string);
    costed.estimates.set(key, estimate);
  }
  return estimate;
}

/**
 * The gateway's `prepare` step: rewrites the operation's TEXT to the filtered one before Apollo
 * sees it. Apollo's document cache and the gateway's query-plan cache are keyed by a hash of that
 * text, so a cached plan always belongs to the text it was planned from, whoever sent it, and the
 * planner never sees a withheld field. The removed fields travel in the context to the response.
 * A text over a query limit is refused here (the GraphQLError is thrown, and answered by Apollo with
 * its code and HTTP 400), before it is planned.
 */
export function createOperationFilter(options: OperationFilterOptions) {
  const cache = new Map<string, Filtered>();
  const cacheSize = options.cacheSize ?? 500;
  return async (parts: GraphQLRequestParts, context: GatewayContext): Promise<{ parts: GraphQLRequestParts; context: GatewayContext }> => {
    const operation = operationOf(parts);
    if (!operation) return { parts, context }; // Apollo refuses a request without an operation
    const schema = options.schema();
    if (!schema) throw new Error('the gateway schema is not loaded yet');
    const ceiling = ceilingOf(context.viewer.roles, context.purpose);
    const key = JSON.stringify([[...ceiling].sort(), operation.operationName ?? null, operation.query]);
    let filtered = cache.get(key);
    if (!filtered) {
      filtered = filterText(operation, ceiling, schema, options);
      if (operation.query.length <= MAX_CACHED_QUERY) {
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(key, filtered);
      }
    }
    const estimate = filtered.refusal ? undefined : costOf(filtered, operation.variables, schema, options.limiter);
    const refusal = filtered.refusal ?? estimate?.refusal;
    if (refusal) {
      log.info('operation refused', { requestId: context.requestId, code: String(refusal.extensions.code) });
      // A fresh error each time: Apollo answers (and may annotate) the one it is given.
      throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions } });
    }
    const costed = { ...context, cost: estimate?.cost ?? 0 };
    if (filtered.query === operation.query) return { parts, context: costed };
    return { parts: withQuery(parts, filtered.query), context: { ...costed, withheld: filtered.removed } };
  };
}
