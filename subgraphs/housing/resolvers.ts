import { agencyFileResolvers, clientEntityResolvers, type PartnerLoaders, viaPerson } from '../../lib/kit';
import { statisticsResolvers } from './statistics';
import type { HousingRows } from './store';

const rows = viaPerson<HousingRows>();

export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<HousingRows>>('housing'),
  HousingFile: {
    ...agencyFileResolvers,
    applications: rows('applications'),
    offers: rows('offers'),
    shelterPlacements: rows('shelterPlacements'),
  },
  ...statisticsResolvers,
};
