import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createHousingLoaders, type HousingLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { HousingStore } from './store';

/** The housing service's subgraph; `index.ts` runs it, tests build it in-process. */
export const housingSubgraph: SubgraphDefinition<HousingStore, HousingLoaders> = {
  agency: 'housing',
  resolvers,
  createLoaders: (store) => createHousingLoaders(store),
};
