import { agencyFileResolvers, clientEntityResolvers, type PartnerLoaders, viaPerson } from '../../lib/kit';
import { statisticsResolvers } from './statistics';
import type { YouthCareRows } from './store';

const rows = viaPerson<YouthCareRows>();

export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<YouthCareRows>>('youthCare'),
  YouthCareFile: {
    ...agencyFileResolvers,
    measures: rows('measures'),
    placements: rows('placements'),
    supervisedContacts: rows('supervisedContacts'),
    parentalGuidance: rows('parentalGuidance'),
  },
  ...statisticsResolvers,
};
