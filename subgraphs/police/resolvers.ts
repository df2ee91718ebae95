import { agencyFileResolvers, clientEntityResolvers, listColumn, type PartnerLoaders, viaPerson } from '../../lib/kit';
import type { BarringOrderRow, InterventionRow, PoliceRows } from './store';
import { statisticsResolvers } from './statistics';

const rows = viaPerson<PoliceRows>();

export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<PoliceRows>>('police'),
  PoliceFile: {
    ...agencyFileResolvers,
    interventions: rows('interventions'),
    barringOrders: rows('barringOrders'),
    riskAssessments: rows('riskAssessments'),
    victimFollowUps: rows('victimFollowUps'),
    complianceChecks: rows('complianceChecks'),
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
