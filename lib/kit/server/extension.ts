import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { AgencyId } from '../../agencies';
import type { JsonRoute, PostRoute } from '../../http/graphqlHttpServer';
import type { RequestContext } from '../../viewer';
import type { SubgraphContext } from './context';

/**
 * One concern a subgraph server is given, with a known lifecycle, in the manner of envelop's
 * plugins: the SDL it adds, its resolvers, what it adds to each request's context, its hooks
 * around each request (an Apollo Server plugin: `requestDidStart`, `willSendResponse`...) and its
 * routes. The disclosure log is one (lib/kit/disclosure/extension.ts); the server knows none of
 * them by name.
 */
export interface SubgraphExtension {
  /** For logs and errors. */
  readonly name: string;
  /**
   * SDL appended to the agency's own: the same with or without an instance of the extension, for
   * composition reads it too (`subgraphTypeDefs`).
   */
  typeDefs?(agency: AgencyId, own: DocumentNode): string;
  /** Resolvers merged under the agency's own: the agency's win where both define a field. */
  resolvers?(agency: AgencyId): GraphQLResolverMap<SubgraphContext<unknown>>;
  /** Fields added to every request's context, once the request is authenticated. */
  context?(request: RequestContext): Record<string, unknown>;
  /** Hooks around each request. */
  plugin?: ApolloServerPlugin<SubgraphContext<unknown>>;
  /** JSON routes beside `/graphql`. */
  routes?: Record<string, JsonRoute>;
  /** POST routes beside `/graphql` that read the raw request (the gateway's signed reports). */
  postRoutes?: Record<string, PostRoute>;
}

/**
 * An agency's resolvers with every extension's added under them, type by type: the agency's own
 * win where both define a field (the FJC decides who reads a disclosure report, so it resolves
 * `DisclosureReport` references itself).
 */
export function mergeExtensionResolvers<T>(agency: AgencyId, own: GraphQLResolverMap<T>, extensions: readonly SubgraphExtension[]): GraphQLResolverMap<T> {
  const merged: Record<string, unknown> = { ...own };
  for (const extension of extensions) {
    for (const [type, fields] of Object.entries(extension.resolvers?.(agency) ?? {})) {
      merged[type] = { ...(fields as object), ...((merged as Record<string, object | undefined>)[type] ?? {}) };
    }
  }
  return merged as GraphQLResolverMap<T>;
}
