import type { SubgraphDefinition } from '../../lib/subgraph/createSubgraphServer';
import { createYouthCareLoaders, type YouthCareLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { YouthCareStore } from './store';

/** Youth care's subgraph; `index.ts` runs it, tests build it in-process. */
export const youthCareSubgraph: SubgraphDefinition<YouthCareStore, YouthCareLoaders> = {
  agency: 'youth-care',
  resolvers,
  createLoaders: (store) => createYouthCareLoaders(store),
};
