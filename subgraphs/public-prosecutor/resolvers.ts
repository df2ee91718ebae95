import { agencyFileResolvers, clientEntityResolvers, listColumn, type PartnerLoaders, viaPerson } from '../../lib/kit';
import { statisticsResolvers } from './statistics';
import type { BarringOrderRow, DecisionRow, ProsecutorRows } from './store';

const rows = viaPerson<ProsecutorRows>();

/** The file on `Client` and its fields; the kit decides every labelled field before these run. */
export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<ProsecutorRows>>('prosecutor'),
  ProsecutorFile: {
    ...agencyFileResolvers,
    cases: rows('cases'),
    decisions: rows('decisions'),
    barringOrders: rows('barringOrders'),
    barringOrderBreaches: rows('barringOrderBreaches'),
    victimStatements: rows('victimStatements'),
  },
  ProsecutorDecision: {
    conditions: (row: DecisionRow) => listColumn(row.conditions),
  },
  ProsecutorBarringOrder: {
    conditions: (row: BarringOrderRow) => listColumn(row.conditions),
  },
  ...statisticsResolvers,
};
