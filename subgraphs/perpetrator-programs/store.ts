import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { PERPETRATOR_PROGRAM_FIGURES } from './statistics';

/**
 * The perpetrator programme service's store: the store interface over the SQLite file OneRoof keeps for its data. An
 * agency that keeps its own system rewrites this one file as an adapter with the same row shapes
 * (an example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type PerpetratorProgramsStore = SqliteAgencyStore<PerpetratorProgramsRows>;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'perpetrator programme records',
    sql: `
    CREATE TABLE programme_enrolments (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      programme TEXT NOT NULL CHECK (programme IN ('GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT')),
      frame TEXT NOT NULL CHECK (frame IN ('JUDICIAL', 'VOLUNTARY')),
      referred_by TEXT NOT NULL CHECK (referred_by IN ('PROSECUTOR', 'COURT', 'PROBATION_SERVICE', 'FJC', 'SOCIAL_SERVICE', 'SELF')),
      starts_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ENROLLED', 'COMPLETED', 'DROPPED_OUT', 'REFERRED_BACK')),
      ended_at TEXT CHECK ((status = 'ENROLLED') = (ended_at IS NULL) AND ended_at >= starts_at),
      planned_sessions INTEGER NOT NULL CHECK (planned_sessions > 0)
    );
    CREATE INDEX programme_enrolments_person ON programme_enrolments(person_id, starts_at);
    CREATE INDEX programme_enrolments_time ON programme_enrolments(starts_at);
    CREATE INDEX programme_enrolments_end ON programme_enrolments(ended_at, status);
    CREATE TABLE programme_sessions (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      enrolment_id TEXT NOT NULL REFERENCES programme_enrolments(id),
      held_at TEXT NOT NULL,
      attended INTEGER NOT NULL CHECK (attended IN (0, 1))
    );
    CREATE INDEX programme_sessions_person ON programme_sessions(person_id, held_at);
    CREATE INDEX programme_sessions_enrolment ON programme_sessions(enrolment_id, attended);
    CREATE TABLE progress_assessments (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      enrolment_id TEXT NOT NULL REFERENCES programme_enrolments(id),
      assessed_at TEXT NOT NULL,
      progress TEXT NOT NULL CHECK (progress IN ('NONE', 'SOME', 'GOOD')),
      responsibility TEXT NOT NULL CHECK (responsibility IN ('NONE', 'SOME', 'GOOD')),
      engagement TEXT NOT NULL CHECK (engagement IN ('NONE', 'SOME', 'GOOD'))
    );
    CREATE INDEX progress_assessments_person ON progress_assessments(person_id, assessed_at);`,
  },
];

/**
 * Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof
 * keeps apart from it.
 */
export function openPerpetratorProgramsStore(context: StoreContext): PerpetratorProgramsStore {
  return createSqliteAgencyStore<PerpetratorProgramsRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: PERPETRATOR_PROGRAM_FIGURES });
}

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface ProgrammeEnrolmentRow {
  person_id: string;
  id: string;
  programme: string;
  frame: string;
  referredBy: string;
  startsAt: string;
  status: string;
  endedAt: string | null;
  plannedSessions: number;
  sessionsAttended: number;
  sessionsMissed: number;
}
export interface ProgrammeSessionRow {
  person_id: string;
  enrolmentId: string;
  heldAt: string;
  attended: number;
}
export interface ProgressAssessmentRow {
  person_id: string;
  enrolmentId: string;
  assessedAt: string;
  progress: string;
  responsibility: string;
  engagement: string;
}

/** The row type of each list field of the perpetrator-programs file, by field name. */
export interface PerpetratorProgramsRows {
  enrolments: ProgrammeEnrolmentRow;
  sessions: ProgrammeSessionRow;
  progressAssessments: ProgressAssessmentRow;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  // Attendance is counted from the sessions, so the counts cannot drift from the session list.
  enrolments: `SELECT e.person_id, e.id, e.programme, e.frame, e.referred_by AS referredBy, e.starts_at AS startsAt,
      e.status, e.ended_at AS endedAt, e.planned_sessions AS plannedSessions,
      (SELECT count(*) FROM programme_sessions s WHERE s.enrolment_id = e.id AND s.attended = 1) AS sessionsAttended,
      (SELECT count(*) FROM programme_sessions s WHERE s.enrolment_id = e.id AND s.attended = 0) AS sessionsMissed
    FROM programme_enrolments e WHERE e.person_id ${IN_ID_LIST} ORDER BY e.starts_at DESC`,
  sessions: `SELECT person_id, enrolment_id AS enrolmentId, held_at AS heldAt, attended
    FROM programme_sessions WHERE person_id ${IN_ID_LIST} ORDER BY held_at DESC`,
  progressAssessments: `SELECT person_id, enrolment_id AS enrolmentId, assessed_at AS assessedAt, progress, responsibility, engagement
    FROM progress_assessments WHERE person_id ${IN_ID_LIST} ORDER BY assessed_at DESC`,
} as const;
