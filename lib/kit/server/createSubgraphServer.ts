import type http from 'node:http';
import type Database from 'better-sqlite3';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { APOLLO_SERVER_OPTIONS, apolloDefaultsOff } from '../../http/apolloDefaults';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLSchema } from 'graphql';
import { acceptAnyToken, enterBenchMode } from '../../auth/benchMode';
import type { TokenVerifier } from '../../auth/tokens';
import { internalErrorLogPlugin } from '../../http/errorLog';
import { formatError } from '../../http/formatError';
import { createGraphQLHandler, serveOverHttp, type GraphQLHandler, type RawRequest } from '../../http/graphqlHttpServer';
import { BUDGET_HEADER, FETCH_ID_HEADER, GATEWAY_SIGNATURE_HEADER, type GatewaySignatureVerifier } from '../../auth/gatewaySignature';
import { loadConfig } from '../../config';
import { stopWhenAbandoned } from './abandon';
import { authenticate } from '../../requestContext';
import type { AssertionSigner, AssertionVerifier } from '../../auth/assertions';
import { createAccessControl } from '../../policy/access';
import { applyFieldPolicy } from '../../policy/fieldPolicy';
import type { SubgraphContext, SubgraphDefinition } from './context';
import { mergeExtensionResolvers, type SubgraphExtension } from './extension';
import { waitForStore } from '../store/storeLock';
import { loadSubgraphTypeDefs } from './typeDefs';

export type { SubgraphContext, SubgraphDefinition } from './context';

export interface SubgraphServerOptions<TStore> {
  store: TStore;
  verifyToken: TokenVerifier;
  production: boolean;
  /** Partner agencies: verifies the FJC's consent assertions (keys from the FJC's JWKS). */
  verifyAssertion?: AssertionVerifier;
  /** The FJC: signs consent assertions and serves their public keys at `/.well-known/jwks.json`. */
  assertionSigner?: AssertionSigner;
  /** Checks the gateway's signature on each request; a present but bad signature is always refused. */
  gatewaySignatures?: { verifier: GatewaySignatureVerifier; required: boolean };
  /**
   * The concerns the server is given beside the agency's own (its SDL, resolvers, context, hooks
   * and routes each): the disclosure log (`useDisclosureLog`) for every agency. Default none.
   */
  extensions?: readonly SubgraphExtension[];
  /**
   * `false`: benchmark mode (`ONEROOF_BENCH_AUTHORIZATION=off`): no token check, no field policy,
   * no consent assertions, no signatures; extensions are given as built (the disclosure log then
   * records nothing). Refused in production; default true.
   */
  authorization?: boolean;
  /**
   * The longest a request may run here, in ms: the budget of a request that names none, and the cap
   * of the gateway's (`x-oneroof-budget-ms`); default `ONEROOF_REQUEST_TIMEOUT_MS`'s default.
   */
  requestTimeoutMs?: number;
  /**
   * The SQLite databases a request may write (OneRoof's own store for the agency, and the agency's
   * data when its mutations write it): each request waits, without blocking the event loop, until
   * it could write to them (another process may hold a lock), and fails at its deadline if it cannot.
   */
  databases?: readonly Database.Database[];
}

export interface SubgraphServer<TLoaders, TStore> {
  schema: GraphQLSchema;
  apollo: ApolloServer<SubgraphContext<TLoaders, TStore>>;
  http: http.Server;
  /** The same pipeline as `http` without the socket: what the in-process federation tier calls. */
  handle: GraphQLHandler;
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The gateway's budget for this request, in ms: `undefined` when it names none, `NaN` when it is not a number. */
function budgetOf(headers: http.IncomingHttpHeaders): number | undefined {
  const value = header(headers, BUDGET_HEADER);
  return value === undefined ? undefined : /^\d{1,9}$/.test(value) ? Number(value) : NaN;
}

function signatureCheck({ verifier, required }: { verifier: GatewaySignatureVerifier; required: boolean }) {
  return async (request: RawRequest): Promise<boolean> => {
    const signature = request.headers[GATEWAY_SIGNATURE_HEADER];
    if (signature === undefined) return !required;
    return verifier.verify({
      signature: String(signature), method: request.method, body: request.body, requestId: request.requestId,
      budgetMs: budgetOf(request.headers), fetchId: header(request.headers, FETCH_ID_HEADER),
    });
  };
}

/**
 * Builds an agency's Federation 2 subgraph: schema from its SDL, Apollo server, and an HTTP
 * server with `/graphql` and `/health`. Every request is authenticated here again; nothing is
 * trusted because the gateway passed it on. Has no side effects: the caller listens.
 */
export async function createSubgraphServer<TStore, TLoaders>(
  definition: SubgraphDefinition<TStore, TLoaders>,
  options: SubgraphServerOptions<TStore>,
): Promise<SubgraphServer<TLoaders, TStore>> {
  const authorization = options.authorization !== false;
  if (!authorization) {
    enterBenchMode(definition.agency, options.production);
    const { store, production, extensions } = options;
    options = { store, production, extensions, verifyToken: acceptAnyToken };
  }
  const extensions = options.extensions ?? [];
  const schema = buildSubgraphSchema({
    typeDefs: loadSubgraphTypeDefs(definition.agency, extensions),
    resolvers: mergeExtensionResolvers(definition.agency, definition.resolvers, extensions) as GraphQLResolverMap<unknown>,
  });
  if (authorization) applyFieldPolicy(schema, definition.agency);
  stopWhenAbandoned(schema, definition.agency);
  const requestTimeoutMs = options.requestTimeoutMs ?? loadConfig({}).resilience.requestTimeoutMs;
  const apollo = new ApolloServer<SubgraphContext<TLoaders, TStore>>({
    ...APOLLO_SERVER_OPTIONS,
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // Inline traces would send timing data to the gateway on every fetch; nobody reads them here.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...apolloDefaultsOff<SubgraphContext<TLoaders, TStore>>(), internalErrorLogPlugin(definition.agency), ...extensions.flatMap((extension) => (extension.plugin ? [extension.plugin] : []))],
  });
  await apollo.start();
  const handle = createGraphQLHandler({
    apollo,
    // The gateway's budget (signed with the request) when it names one, never more than this agency's own.
    budgetMs: (req) => Math.min(budgetOf(req.headers) || requestTimeoutMs, requestTimeoutMs),
    context: async (req, requestId, scope) => {
      const request = { ...(await authenticate(req.headers, options.verifyToken, requestId)), scope, fetchId: header(req.headers, FETCH_ID_HEADER) };
      for (const db of options.databases ?? []) await waitForStore(db, definition.agency, scope);
      if (authorization) definition.checkRequest?.(options.store, request);
      return {
        ...Object.assign({}, ...extensions.map((extension) => extension.context?.(request) ?? {})),
        ...request,
        agency: definition.agency,
        access: createAccessControl(request, {
          verifyAssertion: options.verifyAssertion ?? null,
          basesSource: definition.basesSource?.(options.store, request) ?? null,
          signer: options.assertionSigner ?? null,
        }),
        store: options.store,
        loaders: definition.createLoaders(options.store, request),
      };
    },
    verifyRaw: options.gatewaySignatures ? signatureCheck(options.gatewaySignatures) : undefined,
    postRoutes: Object.assign({}, ...extensions.map((extension) => extension.postRoutes ?? {})),
    routes: {
      ...Object.assign({}, ...extensions.map((extension) => extension.routes ?? {})),
      '/health': async () => ({ status: 200, body: { status: 'ok', agency: definition.agency } }),
      ...(options.assertionSigner ? { '/.well-known/jwks.json': async () => ({ status: 200, body: options.assertionSigner!.jwks }) } : {}),
    },
  });
  return { schema, apollo, http: serveOverHttp(handle), handle };
}
