import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createProbationLoaders, type ProbationLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { ProbationStore } from './store';

/** The probation service's subgraph; `index.ts` runs it, tests build it in-process. */
export const probationSubgraph: SubgraphDefinition<ProbationStore, ProbationLoaders> = {
  agency: 'probation',
  resolvers,
  createLoaders: (store) => createProbationLoaders(store),
};
