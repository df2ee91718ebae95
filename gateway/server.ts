import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { isAgencyId, type AgencyId } from '../lib/agencies';
import type { TokenVerifier } from '../lib/auth/tokens';
import { formatError } from '../lib/http/formatError';
import { createGraphQLHttpServer } from '../lib/http/graphqlHttpServer';
import { createGatewayContext, type GatewayContext } from './context';
import type { GatewaySigner } from '../lib/auth/gatewaySignature';
import { AgencyDataSource } from './dataSource';
import { createOperationFilter } from './operationFilter';
import { checkReadiness } from './readiness';
import { readSensitiveFields } from './sensitiveFields';
import { withheldFieldsPlugin } from './withheldResponse';

export interface GatewayServerOptions {
  supergraphSdl: string;
  subgraphUrls: Record<AgencyId, string>;
  verifyToken: TokenVerifier;
  production: boolean;
  /** Signs every request to a subgraph; required in production. */
  signer?: GatewaySigner;
}

export interface GatewayServer {
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  http: http.Server;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The federated gateway: authenticates each request and reads its purpose before anything is
 * planned, takes the fields above the viewer's ceiling out of the operation, then plans over the
 * static supergraph and calls each agency with the caller's identity. Has no side effects: the
 * caller listens.
 */
export async function createGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const fields = readSensitiveFields(options.supergraphSdl);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      if (!isAgencyId(name)) throw new Error(`supergraph names an unknown subgraph: ${name}`);
      return new AgencyDataSource({ agency: name, url: options.subgraphUrls[name] ?? url, signer: options.signer });
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
    formatError,
    csrfPrevention: true,
    plugins: [withheldFieldsPlugin(), ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();
  const server = createGraphQLHttpServer({
    apollo,
    context: createGatewayContext(options.verifyToken),
    prepare: createOperationFilter({ fields, schema: () => apiSchema }),
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok' } }),
      '/ready': async () => {
        const readiness = await checkReadiness(options.subgraphUrls);
        return { status: readiness.status === 'ready' ? 200 : 503, body: readiness };
      },
    },
    responseHeaders: SECURITY_HEADERS,
  });
  return { apollo, gateway, http: server };
}
