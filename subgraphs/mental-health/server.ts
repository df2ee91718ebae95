import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createMentalHealthLoaders, type MentalHealthLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { MentalHealthStore } from './store';

/** The centre for mental health's subgraph; `index.ts` runs it, tests build it in-process. */
export const mentalHealthSubgraph: SubgraphDefinition<MentalHealthStore, MentalHealthLoaders> = {
  agency: 'mental-health',
  resolvers,
  createLoaders: (store) => createMentalHealthLoaders(store),
};
