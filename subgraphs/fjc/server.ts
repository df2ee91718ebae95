import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { findClientBases } from './accessStore';
import { accessAssertion } from './accessResolvers';
import { requireOpenConference } from './basisCheck';
import { createFjcLoaders, type FjcLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { FjcStore } from './store';

/** The FJC's own subgraph: registry, cases, consent, conferences, and the consent assertions. */
export const fjcSubgraph: SubgraphDefinition<FjcStore, FjcLoaders> = {
  agency: 'fjc',
  resolvers: { ...resolvers, Client: { ...resolvers.Client, accessAssertion } },
  createLoaders: (store) => createFjcLoaders(store),
  basesSource: (store, request) => (clientIds) => findClientBases(store, request, clientIds),
  checkRequest: requireOpenConference,
};
