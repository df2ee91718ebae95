import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { APOLLO_SERVER_OPTIONS, apolloDefaultsOff } from '../lib/http/apolloDefaults';
import type { GraphQLSchema } from 'graphql';
import { FJC } from '../lib/agencies';
import { acceptAnyToken, enterBenchMode } from '../lib/auth/benchMode';
import type { TokenVerifier } from '../lib/auth/tokens';
import { ConfigError, loadConfig, type QueryLimitsConfig, type ResilienceConfig } from '../lib/config';
import { internalErrorLogPlugin } from '../lib/http/errorLog';
import { formatError, formatErrorRevealingPlans, withoutSuggestions } from '../lib/http/formatError';
import { createGraphQLHandler, serveOverHttp, type GraphQLHandler } from '../lib/http/graphqlHttpServer';
import type { KeepAliveFetch } from '../lib/http/keepAliveFetch';
import { createBasisCheck } from './basisCheck';
import { admit, createGatewayContext, type GatewayContext } from './context';
import type { GatewaySigner } from '../lib/auth/gatewaySignature';
import { mountConsole, type ConsoleSignIn } from './console/mountConsole';
import type { StaticFile } from './console/staticFiles';
import { createCircuitBreaker, type CircuitBreaker } from './circuitBreaker';
import { mountCors } from './cors';
import { AgencyDataSource } from './dataSource';
import { mountDisclosureReport } from './disclosureReport';
import { keepOperationModels } from './operationModel';
import { createOperationFilter } from './operationFilter';
import { createQueryLimiter } from './queryLimits';
import { checkReadiness } from './readiness';
import { createViewerGate } from './viewerGate';
import { createDeliveryReporter } from './deliveryReport';
import { requestLogPlugin } from './requestLog';
import { readSensitiveFields } from './sensitiveFields';
import { mountStatisticsCsv } from './statisticsCsv';
import { subgraphRoutes } from './subgraphs';
import { withheldFieldsPlugin } from './withheldResponse';

export interface GatewayServerOptions {
  supergraphSdl: string;
  /**
   * Where each subgraph is, by its name in the supergraph; a subgraph not named here is reached at
   * the URL the supergraph gives it. The FJC's is required (claimed bases are checked with it).
   */
  subgraphUrls: Readonly<Record<string, string>>;
  verifyToken: TokenVerifier;
  production: boolean;
  /** Signs every request to a subgraph; required in production. */
  signer?: GatewaySigner;
  /** Query and body limits; default the configuration's defaults (README, Limits and resilience). */
  limits?: QueryLimitsConfig;
  /**
   * Subgraph timeouts (by subgraph name, else `defaultSubgraphTimeoutMs`), circuit breakers, the
   * request budget and each viewer's share; default the configuration's (README, Limits and resilience).
   */
  resilience?: Omit<ResilienceConfig, 'shutdownGraceMs' | 'subgraphTimeoutMs' | 'defaultSubgraphTimeoutMs'> & {
    subgraphTimeoutMs: Readonly<Partial<Record<string, number>>>;
    defaultSubgraphTimeoutMs?: number;
  };
  /** Origins whose web pages may call `/graphql` and `/statistics.csv` (`ONEROOF_CORS_ORIGINS`); default none. */
  corsOrigins?: readonly string[];
  /**
   * `false`: benchmark mode (`ONEROOF_BENCH_AUTHORIZATION=off`): no token check, no ceiling filter
   * (nor the query limits checked with it), no signatures. Refused in production; default true.
   */
  authorization?: boolean;
  /** How the gateway reaches the subgraphs; default pooled keep-alive HTTP to `subgraphUrls` (tests pass an in-process one). */
  transport?: KeepAliveFetch;
  /**
   * The web console at `/`: how it signs staff in (default: the development sign-in outside
   * production, none in production) and, for the development sign-in, the issuer's data dir.
   */
  console?: { signIn?: ConsoleSignIn; devIssuerDataDir?: string; files?: Map<string, StaticFile> };
}

export interface GatewayServer {
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  http: http.Server;
  /** `/graphql` and the JSON routes without the socket (the GET routes of `mountOperationRoute` need HTTP). */
  handle: GraphQLHandler;
  /** Each subgraph's circuit, by its name in the supergraph, as `/ready` reports it. */
  breakers: Record<string, CircuitBreaker>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/** Production has no landing page to load scripts for: nothing may be loaded or framed. */
const PRODUCTION_HEADERS = {
  ...SECURITY_HEADERS,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/**
 * The federated gateway: authenticates each request and reads its purpose before anything is
 * planned, takes the fields above the viewer's ceiling out of the operation, then plans over the
 * static supergraph and calls each agency with the caller's identity. Has no side effects: the
 * caller listens.
 */
export async function createGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const authorization = options.authorization !== false;
  if (!authorization) {
    enterBenchMode('gateway', options.production);
    options = { ...options, verifyToken: acceptAnyToken, signer: undefined };
  }
  if (options.production && !options.signer) {
    throw new ConfigError('NODE_ENV=production needs the gateway to sign its subgraph requests: set ONEROOF_GATEWAY_KEY_FILE.');
  }
  const defaults = loadConfig({});
  const limits = options.limits ?? defaults.limits;
  const resilience = options.resilience ?? defaults.resilience;
  const fields = readSensitiveFields(options.supergraphSdl);
  const routes = subgraphRoutes(options.supergraphSdl, {
    urls: options.subgraphUrls,
    timeoutsMs: resilience.subgraphTimeoutMs,
    defaultTimeoutMs: resilience.defaultSubgraphTimeoutMs ?? defaults.resilience.defaultSubgraphTimeoutMs,
  });
  const fjc = routes.get(FJC);
  if (!fjc) throw new ConfigError(`the supergraph has no subgraph "${FJC}": the FJC's registry and consent assertions are required.`);
  // Timeouts and circuits are the subgraph's, by its name: one slow agency opens only its own.
  const breakers = Object.fromEntries(
    [...routes.keys()].map((name) => [name, createCircuitBreaker({ failureThreshold: resilience.breakerFailures, cooldownMs: resilience.breakerCooldownMs })]),
  );
  // @apollo/gateway reports usage metrics to Apollo's servers, and probes cloud metadata endpoints
  // to describe the host, unless told not to: a gateway over agencies' case files calls nobody
  // but its agencies. Read once, in the gateway's constructor.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  keepOperationModels();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const route = routes.get(name)!;
      return new AgencyDataSource({
        agency: name,
        url: route.url,
        signer: options.signer,
        timeoutMs: route.timeoutMs,
        breaker: breakers[name],
        transport: options.transport,
        maxFanout: limits.maxFanout,
        largeFetch: resilience.breakerLargeFetch,
      });
    },
  });
  // The filter validates against exactly the schema Apollo validates against.
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });
  const apollo = new ApolloServer<GatewayContext>({
    ...APOLLO_SERVER_OPTIONS,
    gateway,
    // A persisted query would reach the planner by a hash of the client's own text; every request
    // must carry its text through the field filter instead.
    persistedQueries: false,
    // The filter rewrites one operation per request and the response plugin answers that one.
    allowBatchedHttpRequests: false,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // With introspection off, "Did you mean" hints would spell the schema out to whoever guesses:
    // Apollo drops its own, the formatter those of any other error (subgraphs' included).
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: options.production ? (formatted, error) => withoutSuggestions(formatError(formatted, error)) : formatErrorRevealingPlans,
    csrfPrevention: true,
    // No Apollo landing page in any environment: its Sandbox loads code from the internet. GraphiQL,
    // bundled with the console, is served at /graphiql outside production.
    plugins: [withheldFieldsPlugin(), requestLogPlugin(), internalErrorLogPlugin('gateway'), ApolloServerPluginLandingPageDisabled(), ...apolloDefaultsOff<GatewayContext>()],
  });
  await apollo.start();
  const checkBasis = authorization
    ? createBasisCheck({ url: fjc.url, signer: options.signer, timeoutMs: fjc.timeoutMs, transport: options.transport })
    : undefined;
  const gate = createViewerGate({ maxInFlight: resilience.viewerConcurrency, maxQueued: resilience.viewerQueue, maxCost: limits.maxCost });
  const reporter = options.signer ? createDeliveryReporter({ routes, signer: options.signer, transport: options.transport }) : undefined;
  const context = createGatewayContext(options.verifyToken, checkBasis, reporter);
  const filter = createOperationFilter({ fields, schema: () => apiSchema, limiter: createQueryLimiter(limits) });
  const handle = createGraphQLHandler({
    apollo,
    context,
    budgetMs: () => resilience.requestTimeoutMs,
    // Limits and the ceiling first (a refused request takes no slot), then the viewer's lane, weighed by the cost.
    prepare: authorization
      ? async (parts, requestContext) => {
          const prepared = await filter(parts, requestContext);
          await admit(gate, prepared.context);
          return prepared;
        }
      : undefined,
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok' } }),
      '/ready': async () => {
        const readiness = await checkReadiness(routes, 1000, breakers);
        return { status: readiness.status === 'ready' ? 200 : 503, body: readiness };
      },
    },
    responseHeaders: options.production ? PRODUCTION_HEADERS : SECURITY_HEADERS,
    maxBodyBytes: limits.maxBodyBytes,
  });
  const server = serveOverHttp(handle);
  const asCaller = { apollo, context, gate, budgetMs: resilience.requestTimeoutMs, headers: options.production ? PRODUCTION_HEADERS : SECURITY_HEADERS };
  mountDisclosureReport(server, asCaller);
  mountStatisticsCsv(server, { ...asCaller, supergraphSdl: options.supergraphSdl });
  const devIssuerDataDir = options.production ? undefined : options.console?.devIssuerDataDir;
  mountConsole(server, {
    production: options.production,
    headers: asCaller.headers,
    signIn: options.console?.signIn ?? (devIssuerDataDir ? { kind: 'development' } : { kind: 'none' }),
    devIssuerDataDir,
    files: options.console?.files,
  });
  // Last, so that it sees every request first: preflights never reach the routes above.
  mountCors(server, { origins: options.corsOrigins ?? [], headers: asCaller.headers, devSignIn: devIssuerDataDir !== undefined });
  return { apollo, gateway, http: server, handle, breakers };
}
