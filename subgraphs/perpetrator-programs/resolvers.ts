import { agencyFileResolvers, clientEntityResolvers, type PartnerLoaders, viaPerson } from '../../lib/kit';
import { statisticsResolvers } from './statistics';
import type { PerpetratorProgramsRows } from './store';

// `attended` is a 0/1 column: graphql-js serializes it as a Boolean.
const rows = viaPerson<PerpetratorProgramsRows>();

export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<PerpetratorProgramsRows>>('perpetratorProgram'),
  PerpetratorProgramFile: {
    ...agencyFileResolvers,
    enrolments: rows('enrolments'),
    sessions: rows('sessions'),
    progressAssessments: rows('progressAssessments'),
  },
  ...statisticsResolvers,
};
