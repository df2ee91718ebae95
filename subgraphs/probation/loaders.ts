import { createClientLinkLoader, createPersonRowsLoader } from '../../lib/kit';
import {
  QUERIES,
  type ProbationAppointmentRow,
  type ProbationBreachRow,
  type ProbationOrderRow,
  type ProbationReportRow,
  type ProbationStore,
} from './store';

/** Per-request loaders: one store query per field per batch of clients. */
export function createProbationLoaders(store: ProbationStore) {
  return {
    links: createClientLinkLoader(store),
    supervisionOrders: createPersonRowsLoader<ProbationOrderRow>(store, QUERIES.supervisionOrders),
    appointments: createPersonRowsLoader<ProbationAppointmentRow>(store, QUERIES.appointments),
    reports: createPersonRowsLoader<ProbationReportRow>(store, QUERIES.reports),
    breaches: createPersonRowsLoader<ProbationBreachRow>(store, QUERIES.breaches),
  };
}

export type ProbationLoaders = ReturnType<typeof createProbationLoaders>;
