import { agencyFileResolvers, clientEntityResolvers, listColumn, type PartnerLoaders, viaPerson } from '../../lib/kit';
import type { ProbationOrderRow, ProbationRows } from './store';
import { statisticsResolvers } from './statistics';

const rows = viaPerson<ProbationRows>();

export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<ProbationRows>>('probation'),
  ProbationFile: {
    ...agencyFileResolvers,
    supervisionOrders: rows('supervisionOrders'),
    appointments: rows('appointments'),
    reports: rows('reports'),
    breaches: rows('breaches'),
  },
  ProbationOrder: {
    conditions: (row: ProbationOrderRow) => listColumn(row.conditions),
  },
  ...statisticsResolvers,
};
