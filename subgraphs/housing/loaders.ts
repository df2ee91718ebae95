import { createClientLinkLoader, createPersonRowsLoader } from '../../lib/kit';
import { QUERIES, type ApplicationRow, type HousingStore, type OfferRow, type ShelterPlacementRow } from './store';

/** Per-request loaders: one store query per field per batch of clients. */
export function createHousingLoaders(store: HousingStore) {
  return {
    links: createClientLinkLoader(store),
    applications: createPersonRowsLoader<ApplicationRow>(store, QUERIES.applications),
    offers: createPersonRowsLoader<OfferRow>(store, QUERIES.offers),
    shelterPlacements: createPersonRowsLoader<ShelterPlacementRow>(store, QUERIES.shelterPlacements),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
