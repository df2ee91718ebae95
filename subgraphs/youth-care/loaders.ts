import { createClientLinkLoader, createPersonRowsLoader } from '../../lib/kit';
import {
  QUERIES,
  type MeasureRow,
  type ParentalGuidanceRow,
  type PlacementRow,
  type SupervisedContactRow,
  type YouthCareStore,
} from './store';

/** Per-request loaders: one store query per field per batch of clients. */
export function createYouthCareLoaders(store: YouthCareStore) {
  return {
    links: createClientLinkLoader(store),
    measures: createPersonRowsLoader<MeasureRow>(store, QUERIES.measures),
    placements: createPersonRowsLoader<PlacementRow>(store, QUERIES.placements),
    supervisedContacts: createPersonRowsLoader<SupervisedContactRow>(store, QUERIES.supervisedContacts),
    parentalGuidance: createPersonRowsLoader<ParentalGuidanceRow>(store, QUERIES.parentalGuidance),
  };
}

export type YouthCareLoaders = ReturnType<typeof createYouthCareLoaders>;
