import { agencyFileResolvers, clientEntityResolvers, viaPerson } from '../../lib/kit';
import type { PerpetratorProgramsLoaders } from './loaders';
import { statisticsResolvers } from './statistics';

// `attended` is a 0/1 column: graphql-js serializes it as a Boolean.
export const resolvers = {
  Client: clientEntityResolvers<PerpetratorProgramsLoaders>('perpetratorProgram'),
  PerpetratorProgramFile: {
    ...agencyFileResolvers,
    enrolments: viaPerson((l: PerpetratorProgramsLoaders) => l.enrolments),
    sessions: viaPerson((l: PerpetratorProgramsLoaders) => l.sessions),
    progressAssessments: viaPerson((l: PerpetratorProgramsLoaders) => l.progressAssessments),
  },
  ...statisticsResolvers,
};
