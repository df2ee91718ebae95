import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { AgencyId } from '../lib/agencies';
import { log } from '../lib/log';
import type { RequestContext } from '../lib/viewer';

/**
 * The gateway's request log: one JSON line per GraphQL request, for operations and security
 * monitoring, beside (not instead of) the agencies' disclosure logs, which record what was
 * released. It holds who asked, why, which operation (by name and hash), which agencies were
 * called, how it ended and how long it took; never variables, field values or the query text,
 * which may carry client ids and names.
 */

/** How a request ended: no errors; a response with errors; no data at all. */
export type RequestOutcome = 'ok' | 'errors' | 'refused';

/** Subgraph calls per request, keyed by the request's context object (the data sources get the same one). */
const calls = new WeakMap<object, Map<AgencyId, number>>();

/**
 * Counts one call to `agency` for the request whose context this is; the data source calls it for
 * every subgraph request it actually sends. A context the plugin does not know is ignored.
 */
export function noteSubgraphCall(context: unknown, agency: AgencyId): void {
  if (typeof context !== 'object' || context === null) return;
  const counts = calls.get(context);
  if (counts) counts.set(agency, (counts.get(agency) ?? 0) + 1);
}

function codesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))].sort();
}

function outcomeOf(data: unknown, errors: readonly GraphQLFormattedError[] | undefined): RequestOutcome {
  if (!errors || errors.length === 0) return 'ok';
  return data === null || data === undefined ? 'refused' : 'errors';
}

/**
 * The Apollo plugin that writes the request log through `lib/log.ts`. Register it after the
 * plugins that change the response (withheld fields), so the outcome is what the client got.
 * A request refused before it had a context (token, purpose, query limits) is logged too, without
 * viewer: the plugin sees only the error then.
 */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      log.info('gateway request', { outcome: 'refused', errorCodes: [String(code ?? 'INTERNAL_SERVER_ERROR')] });
    },
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const counts = new Map<AgencyId, number>();
      calls.set(contextValue, counts);
      return {
        async willSendResponse({ response, request, operationName, queryHash }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const errors = 'errors' in result ? result.errors : undefined;
          const data = 'data' in result ? result.data : undefined;
          log.info('gateway request', {
            requestId: contextValue.requestId,
            viewerSub: contextValue.viewer.sub,
            viewerAgency: contextValue.viewer.agency,
            viewerRoles: [...contextValue.viewer.roles].sort(),
            purpose: contextValue.purpose,
            operationName: operationName ?? request.operationName ?? undefined,
            // sha256 of the text Apollo executed: after the field filter, so it names the plan that ran.
            operationHash: queryHash,
            subgraphs: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
            outcome: outcomeOf(data, errors),
            errorCodes: codesOf(errors),
            status: response.http.status ?? 200,
            durationMs: Math.round(performance.now() - started),
          });
        },
      };
    },
  };
}
