import { agencyFileResolvers, clientEntityResolvers, listColumn, viaPerson } from '../../lib/kit';
import type { PoliceLoaders } from './loaders';
import type { BarringOrderRow, InterventionRow } from './store';
import { statisticsResolvers } from './statistics';

export const resolvers = {
  Client: clientEntityResolvers<PoliceLoaders>('police'),
  PoliceFile: {
    ...agencyFileResolvers,
    interventions: viaPerson((l: PoliceLoaders) => l.interventions),
    barringOrders: viaPerson((l: PoliceLoaders) => l.barringOrders),
    riskAssessments: viaPerson((l: PoliceLoaders) => l.riskAssessments),
    victimFollowUps: viaPerson((l: PoliceLoaders) => l.victimFollowUps),
    complianceChecks: viaPerson((l: PoliceLoaders) => l.complianceChecks),
  },
  PoliceIntervention: {
    substances: (row: InterventionRow) => listColumn(row.substances),
    substancesInvolved: (row: InterventionRow) => row.substances.length > 0,
  },
  BarringOrder: {
    conditions: (row: BarringOrderRow) => listColumn(row.conditions),
  },
  ...statisticsResolvers,
};
