import { parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLRequestParts } from '../lib/http/graphqlHttpServer';
import { ceilingOf } from '../lib/policy/ceilings';
import type { Category } from '../lib/viewer';
import { filterOperation, type RemovedField } from './fieldFilter';
import type { SensitiveFields } from './sensitiveFields';
import type { GatewayContext } from './context';

export interface OperationFilterOptions {
  fields: SensitiveFields;
  /** The API schema Apollo validates against; `undefined` until the gateway has loaded. */
  schema: () => GraphQLSchema | undefined;
  /** Filtered texts remembered per ceiling and operation; default 500. */
  cacheSize?: number;
}

interface Filtered {
  query: string;
  /** Shared by every request that sends this text with this ceiling: never modified. */
  removed: readonly RemovedField[];
}

/** Texts longer than this are filtered every time rather than held in memory. */
const MAX_CACHED_QUERY = 20_000;

function operationOf(parts: GraphQLRequestParts): { query: string; operationName?: string } | undefined {
  // Apollo reads the operation from the query string for GET and from the JSON body for POST only.
  if (parts.method === 'GET') {
    const params = new URLSearchParams(parts.search);
    const query = params.get('query');
    return query === null ? undefined : { query, operationName: params.get('operationName') ?? undefined };
  }
  const body = parts.body;
  if (parts.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return undefined;
  return { query, operationName: typeof operationName === 'string' ? operationName : undefined };
}

function withQuery(parts: GraphQLRequestParts, query: string): GraphQLRequestParts {
  if (parts.method === 'GET') {
    const params = new URLSearchParams(parts.search);
    params.set('query', query);
    return { ...parts, search: `?${params.toString()}` };
  }
  return { ...parts, body: { ...(parts.body as Record<string, unknown>), query } };
}

function filterText(query: string, operationName: string | undefined, ceiling: ReadonlySet<Category>, schema: GraphQLSchema, fields: SensitiveFields): Filtered {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { query, removed: [] }; // Apollo answers the syntax error; nothing executes
  }
  // Same schema and a subset of Apollo's rules: whatever fails here, Apollo refuses too, unexecuted.
  if (validate(schema, document).length > 0) return { query, removed: [] };
  const filtered = filterOperation(document, schema, fields, ceiling, operationName);
  return filtered.document === document ? { query, removed: [] } : { query: print(filtered.document), removed: filtered.removed };
}

/**
 * The gateway's `prepare` step: rewrites the operation's TEXT to the filtered one before Apollo
 * sees it. Apollo's document cache and the gateway's query-plan cache are keyed by a hash of that
 * text, so a cached plan always belongs to the text it was planned from, whoever sent it, and the
 * planner never sees a withheld field. The removed fields travel in the context to the response.
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
      filtered = filterText(operation.query, operation.operationName, ceiling, schema, options.fields);
      if (operation.query.length <= MAX_CACHED_QUERY) {
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(key, filtered);
      }
    }
    if (filtered.query === operation.query) return { parts, context };
    return { parts: withQuery(parts, filtered.query), context: { ...context, withheld: filtered.removed } };
  };
}
