import { agencyFileResolvers, clientEntityResolvers, viaPerson } from '../../lib/kit';
import type { YouthCareLoaders } from './loaders';
import { statisticsResolvers } from './statistics';

export const resolvers = {
  Client: clientEntityResolvers<YouthCareLoaders>('youthCare'),
  YouthCareFile: {
    ...agencyFileResolvers,
    measures: viaPerson((l: YouthCareLoaders) => l.measures),
    placements: viaPerson((l: YouthCareLoaders) => l.placements),
    supervisedContacts: viaPerson((l: YouthCareLoaders) => l.supervisedContacts),
    parentalGuidance: viaPerson((l: YouthCareLoaders) => l.parentalGuidance),
  },
  ...statisticsResolvers,
};
