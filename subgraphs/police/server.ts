import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createPoliceLoaders, type PoliceLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { PoliceStore } from './store';

/** The police zone's subgraph; `index.ts` runs it, tests build it in-process. */
export const policeSubgraph: SubgraphDefinition<PoliceStore, PoliceLoaders> = {
  agency: 'police',
  resolvers,
  createLoaders: (store) => createPoliceLoaders(store),
};
