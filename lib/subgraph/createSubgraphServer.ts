import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLSchema } from 'graphql';
import type { AgencyId } from '../agencies';
import { acceptAnyToken, enterBenchMode } from '../auth/benchMode';
import type { TokenVerifier } from '../auth/tokens';
import { formatError } from '../http/formatError';
import { createGraphQLHandler, serveOverHttp, type GraphQLHandler, type RawRequest } from '../http/graphqlHttpServer';
import { GATEWAY_SIGNATURE_HEADER, type GatewaySignatureVerifier } from '../auth/gatewaySignature';
import { authenticate } from '../requestContext';
import type { RequestContext } from '../viewer';
import type { AssertionSigner, AssertionVerifier } from '../policy/assertions';
import { createAccessControl, type AccessControl, type BasesSource, type ClientLedger } from './access';
import { withAuditResolvers, type SubgraphAudit } from '../audit/auditResolvers';
import { auditPlugin } from './auditPlugin';
import { applyFieldPolicy } from './fieldPolicy';
import { loadSubgraphTypeDefs } from './typeDefs';

/** What every resolver of a subgraph receives: the verified request plus per-request loaders. */
export interface SubgraphContext<TLoaders, TStore = unknown> extends RequestContext {
  agency: AgencyId;
  /** Legal bases and decisions of this request (docs/authorization.md). */
  access: AccessControl;
  loaders: TLoaders;
  /** The agency's store, for mutations; reads go through `loaders`. */
  store: TStore;
  /** The agency's disclosure log and who may read it (lib/audit); absent in servers built without one. */
  audit?: SubgraphAudit;
}

/** The parts an agency writes; everything else is shared. */
export interface SubgraphDefinition<TStore, TLoaders> {
  agency: AgencyId;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders, TStore>>;
  /** Fresh DataLoaders for one request. */
  createLoaders: (store: TStore, request: RequestContext) => TLoaders;
  /** The FJC only: reads clients' legal bases from its own registry instead of an assertion. */
  basesSource?: (store: TStore, request: RequestContext) => BasesSource;
  /**
   * Checks a request's claimed basis against the agency's own records before anything runs (the
   * FJC: the conference of X-Conference-Id is open and the viewer takes part); throws to refuse.
   */
  checkRequest?: (store: TStore, request: RequestContext) => void;
}

export interface SubgraphServerOptions<TStore> {
  store: TStore;
  verifyToken: TokenVerifier;
  production: boolean;
  /** Partner agencies: verifies the FJC's consent assertions (keys from the FJC's JWKS). */
  verifyAssertion?: AssertionVerifier;
  /** The FJC: signs consent assertions and serves their public keys at `/.well-known/jwks.json`. */
  assertionSigner?: AssertionSigner;
  /** Writes what each request released or denied, before the response leaves (fail closed). */
  disclosureSink?: DisclosureSink;
  /** Checks the gateway's signature on each request; a present but bad signature is always refused. */
  gatewaySignatures?: { verifier: GatewaySignatureVerifier; required: boolean };
  /** Serves the agency's disclosure log to auditors and the client's case manager (`DisclosureReport`). */
  audit?: SubgraphAudit;
  /**
   * `false`: benchmark mode (`ONEROOF_BENCH_AUTHORIZATION=off`): no token check, no field policy,
   * no consent assertions, no signatures, no disclosure log. Refused in production; default true.
   */
  authorization?: boolean;
}

/**
 * Records one request's decisions in the agency's own disclosure log. Throwing withholds the whole
 * response: data whose disclosure cannot be recorded is not released.
 */
export type DisclosureSink = (request: RequestContext, agency: AgencyId, ledger: ReadonlyMap<string, ClientLedger>) => void;

export interface SubgraphServer<TLoaders, TStore> {
  schema: GraphQLSchema;
  apollo: ApolloServer<SubgraphContext<TLoaders, TStore>>;
  http: http.Server;
  /** The same pipeline as `http` without the socket: what the in-process federation tier calls. */
  handle: GraphQLHandler;
}

function signatureCheck({ verifier, required }: { verifier: GatewaySignatureVerifier; required: boolean }) {
  return async (request: RawRequest): Promise<boolean> => {
    const signature = request.headers[GATEWAY_SIGNATURE_HEADER];
    if (signature === undefined) return !required;
    return verifier.verify({ signature: String(signature), method: request.method, body: request.body, requestId: request.requestId });
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
    const { store, production, audit } = options;
    options = { store, production, audit, verifyToken: acceptAnyToken };
  }
  const schema = buildSubgraphSchema({
    typeDefs: loadSubgraphTypeDefs(definition.agency),
    resolvers: withAuditResolvers(definition.agency, definition.resolvers) as GraphQLResolverMap<unknown>,
  });
  if (authorization) applyFieldPolicy(schema, definition.agency);
  const apollo = new ApolloServer<SubgraphContext<TLoaders, TStore>>({
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // Inline traces would send timing data to the gateway on every fetch; nobody reads them here.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(options.disclosureSink ? [auditPlugin(definition.agency, options.disclosureSink)] : [])],
  });
  await apollo.start();
  const handle = createGraphQLHandler({
    apollo,
    context: async (req, requestId) => {
      const request = await authenticate(req.headers, options.verifyToken, requestId);
      if (authorization) definition.checkRequest?.(options.store, request);
      return {
        ...request,
        agency: definition.agency,
        access: createAccessControl(request, {
          verifyAssertion: options.verifyAssertion ?? null,
          basesSource: definition.basesSource?.(options.store, request) ?? null,
          signer: options.assertionSigner ?? null,
        }),
        store: options.store,
        audit: options.audit,
        loaders: definition.createLoaders(options.store, request),
      };
    },
    verifyRaw: options.gatewaySignatures ? signatureCheck(options.gatewaySignatures) : undefined,
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok', agency: definition.agency } }),
      ...(options.assertionSigner ? { '/.well-known/jwks.json': async () => ({ status: 200, body: options.assertionSigner!.jwks }) } : {}),
    },
  });
  return { schema, apollo, http: serveOverHttp(handle), handle };
}
