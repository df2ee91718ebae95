import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { isAgencyId, type AgencyId } from '../lib/agencies';
import type { TokenVerifier } from '../lib/auth/tokens';
import { formatError } from '../lib/http/formatError';
import { createGraphQLHttpServer } from '../lib/http/graphqlHttpServer';
import { authenticate } from '../lib/requestContext';
import type { RequestContext } from '../lib/viewer';
import { AgencyDataSource } from './dataSource';
import { checkReadiness } from './readiness';

export interface GatewayServerOptions {
  supergraphSdl: string;
  subgraphUrls: Record<AgencyId, string>;
  verifyToken: TokenVerifier;
  production: boolean;
}

export interface GatewayServer {
  apollo: ApolloServer<RequestContext>;
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
 * planned, then plans over the static supergraph and calls each agency with the caller's identity.
 * Has no side effects: the caller listens.
 */
export async function createGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      if (!isAgencyId(name)) throw new Error(`supergraph names an unknown subgraph: ${name}`);
      return new AgencyDataSource({ agency: name, url: options.subgraphUrls[name] ?? url });
    },
  });
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    plugins: options.production ? [ApolloServerPluginLandingPageDisabled()] : [],
  });
  await apollo.start();
  const server = createGraphQLHttpServer({
    apollo,
    context: (req, requestId) => authenticate(req.headers, options.verifyToken, requestId),
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
