import { createClientLinkLoader, createPersonRowsLoader } from '../../lib/kit';
import {
  QUERIES,
  type PerpetratorProgramsStore,
  type ProgrammeEnrolmentRow,
  type ProgrammeSessionRow,
  type ProgressAssessmentRow,
} from './store';

/** Per-request loaders: one store query per field per batch of clients. */
export function createPerpetratorProgramsLoaders(store: PerpetratorProgramsStore) {
  return {
    links: createClientLinkLoader(store),
    enrolments: createPersonRowsLoader<ProgrammeEnrolmentRow>(store, QUERIES.enrolments),
    sessions: createPersonRowsLoader<ProgrammeSessionRow>(store, QUERIES.sessions),
    progressAssessments: createPersonRowsLoader<ProgressAssessmentRow>(store, QUERIES.progressAssessments),
  };
}

export type PerpetratorProgramsLoaders = ReturnType<typeof createPerpetratorProgramsLoaders>;
