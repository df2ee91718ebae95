import { agencyFileResolvers, clientEntityResolvers, viaPerson } from '../../lib/kit';
import type { HousingLoaders } from './loaders';
import { statisticsResolvers } from './statistics';

export const resolvers = {
  Client: clientEntityResolvers<HousingLoaders>('housing'),
  HousingFile: {
    ...agencyFileResolvers,
    applications: viaPerson((l: HousingLoaders) => l.applications),
    offers: viaPerson((l: HousingLoaders) => l.offers),
    shelterPlacements: viaPerson((l: HousingLoaders) => l.shelterPlacements),
  },
  ...statisticsResolvers,
};
