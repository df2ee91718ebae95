import { createClientLinkLoader, createPersonRowsLoader } from '../../lib/kit';
import {
  QUERIES,
  type BarringOrderRow,
  type ComplianceCheckRow,
  type InterventionRow,
  type PoliceStore,
  type RiskAssessmentRow,
  type VictimFollowUpRow,
} from './store';

/** Per-request loaders: one store query per field per batch of clients. */
export function createPoliceLoaders(store: PoliceStore) {
  return {
    links: createClientLinkLoader(store),
    interventions: createPersonRowsLoader<InterventionRow>(store, QUERIES.interventions),
    barringOrders: createPersonRowsLoader<BarringOrderRow>(store, QUERIES.barringOrders),
    riskAssessments: createPersonRowsLoader<RiskAssessmentRow>(store, QUERIES.riskAssessments),
    victimFollowUps: createPersonRowsLoader<VictimFollowUpRow>(store, QUERIES.victimFollowUps),
    complianceChecks: createPersonRowsLoader<ComplianceCheckRow>(store, QUERIES.complianceChecks),
  };
}

export type PoliceLoaders = ReturnType<typeof createPoliceLoaders>;
