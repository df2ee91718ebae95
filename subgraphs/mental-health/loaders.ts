import { createClientLinkLoader, createPersonRowsLoader } from '../../lib/kit';
import { QUERIES, type CareEpisodeRow, type CrisisPlanRow, type MentalHealthStore } from './store';

/** Per-request loaders: one store query per field per batch of clients. */
export function createMentalHealthLoaders(store: MentalHealthStore) {
  return {
    links: createClientLinkLoader(store),
    careEpisodes: createPersonRowsLoader<CareEpisodeRow>(store, QUERIES.careEpisodes),
    crisisPlans: createPersonRowsLoader<CrisisPlanRow>(store, QUERIES.crisisPlans),
  };
}

export type MentalHealthLoaders = ReturnType<typeof createMentalHealthLoaders>;
