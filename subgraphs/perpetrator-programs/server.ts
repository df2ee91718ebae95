import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createPerpetratorProgramsLoaders, type PerpetratorProgramsLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { PerpetratorProgramsStore } from './store';

/** The perpetrator programme service's subgraph; `index.ts` runs it, tests build it in-process. */
export const perpetratorProgramsSubgraph: SubgraphDefinition<PerpetratorProgramsStore, PerpetratorProgramsLoaders> = {
  agency: 'perpetrator-programs',
  resolvers,
  createLoaders: (store) => createPerpetratorProgramsLoaders(store),
};
