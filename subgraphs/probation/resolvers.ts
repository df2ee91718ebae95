import { agencyFileResolvers, clientEntityResolvers, listColumn, viaPerson } from '../../lib/kit';
import type { ProbationLoaders } from './loaders';
import type { ProbationOrderRow } from './store';
import { statisticsResolvers } from './statistics';

export const resolvers = {
  Client: clientEntityResolvers<ProbationLoaders>('probation'),
  ProbationFile: {
    ...agencyFileResolvers,
    supervisionOrders: viaPerson((l: ProbationLoaders) => l.supervisionOrders),
    appointments: viaPerson((l: ProbationLoaders) => l.appointments),
    reports: viaPerson((l: ProbationLoaders) => l.reports),
    breaches: viaPerson((l: ProbationLoaders) => l.breaches),
  },
  ProbationOrder: {
    conditions: (row: ProbationOrderRow) => listColumn(row.conditions),
  },
  ...statisticsResolvers,
};
