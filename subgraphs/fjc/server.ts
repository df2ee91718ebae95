import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createFjcLoaders, type FjcLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { FjcStore } from './store';

/** The FJC's own subgraph: registry, cases, reference directory. */
export const fjcSubgraph: SubgraphDefinition<FjcStore, FjcLoaders> = {
  agency: 'fjc',
  resolvers,
  createLoaders: (store) => createFjcLoaders(store),
};
