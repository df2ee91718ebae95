import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { AGENCIES, isAgencyId, type AgencyId } from '../lib/agencies';
import { acceptAnyToken, enterBenchMode } from '../lib/auth/benchMode';
import type { TokenVerifier } from '../lib/auth/tokens';
import { ConfigError, loadConfig, type QueryLimitsConfig, type ResilienceConfig } from '../lib/config';
import { formatError, withoutSuggestions } from '../lib/http/formatError';
import { createGraphQLHandler, serveOverHttp, type GraphQLHandler } from '../lib/http/graphqlHttpServer';
import type { KeepAliveFetch } from '../lib/http/keepAliveFetch';
import { createBasisCheck } from './basisCheck';
import { createGatewayContext, type GatewayContext } from './context';
import type { GatewaySigner } from '../lib/auth/gatewaySignature';
import { mountConsole, type ConsoleSignIn } from './console/mountConsole';
import type { StaticFile } from './console/staticFiles';
import { createCircuitBreaker, type CircuitBreaker } from './circuitBreaker';
import { mountCors } from './cors';
import { AgencyDataSource } from './dataSource';
import { mountDisclosureReport } from './disclosureReport';
import { createOperationFilter } from './operationFilter';
import { createQueryLimiter } from './queryLimits';
import { checkReadiness } from './readiness';
import { requestLogPlugin } from './requestLog';
import { readSensitiveFields } from './sensitiveFields';
import { mountStatisticsCsv } from './statisticsCsv';
import { withheldFieldsPlugin } from './withheldResponse';

export interface GatewayServerOptions {
  supergraphSdl: string;
  subgraphUrls: Record<AgencyId, string>;
  verifyToken: TokenVerifier;
  production: boolean;
  /** Signs every request to a subgraph; required in production. */
  signer?: GatewaySigner;
  /** Query and body limits; default the configuration's defaults (README, Limits and resilience). */
  limits?: QueryLimitsConfig;
  /** Subgraph timeouts and circuit breakers; default 2000 ms per agency, 3 failures, 5 s cool-down. */
  resilience?: Pick<ResilienceConfig, 'subgraphTimeoutMs' | 'breakerFailures' | 'breakerCooldownMs'>;
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
  /** Each agency's circuit, as `/ready` reports it. */
  breakers: Record<AgencyId, CircuitBreaker>;
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
  const breakers = Object.fromEntries(
    AGENCIES.map((agency) => [agency, createCircuitBreaker({ failureThreshold: resilience.breakerFailures, cooldownMs: resilience.breakerCooldownMs })]),
  ) as Record<AgencyId, CircuitBreaker>;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      if (!isAgencyId(name)) throw new Error(`supergraph names an unknown subgraph: ${name}`);
      return new AgencyDataSource({
        agency: name,
        url: options.subgraphUrls[name] ?? url,
        signer: options.signer,
        timeoutMs: resilience.subgraphTimeoutMs[name],
        breaker: breakers[name],
        transport: options.transport,
      });
    },
  });
  // The filter validates against exactly the schema Apollo validates against.
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });
  const apollo = new ApolloServer<GatewayContext>({
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
    formatError: options.production ? (formatted, error) => withoutSuggestions(formatError(formatted, error)) : formatError,
    csrfPrevention: true,
    // No Apollo landing page in any environment: its Sandbox loads code from the internet. GraphiQL,
    // bundled with the console, is served at /graphiql outside production.
    plugins: [withheldFieldsPlugin(), requestLogPlugin(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const checkBasis = authorization
    ? createBasisCheck({ url: options.subgraphUrls.fjc, signer: options.signer, timeoutMs: resilience.subgraphTimeoutMs.fjc, transport: options.transport })
    : undefined;
  const context = createGatewayContext(options.verifyToken, checkBasis);
  const handle = createGraphQLHandler({
    apollo,
    context,
    prepare: authorization ? createOperationFilter({ fields, schema: () => apiSchema, limiter: createQueryLimiter(limits) }) : undefined,
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok' } }),
      '/ready': async () => {
        const readiness = await checkReadiness(options.subgraphUrls, 1000, breakers);
        return { status: readiness.status === 'ready' ? 200 : 503, body: readiness };
      },
    },
    responseHeaders: options.production ? PRODUCTION_HEADERS : SECURITY_HEADERS,
    maxBodyBytes: limits.maxBodyBytes,
  });
  const server = serveOverHttp(handle);
  const asCaller = { apollo, context, headers: options.production ? PRODUCTION_HEADERS : SECURITY_HEADERS };
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
