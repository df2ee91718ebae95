import { CLIENT_LINKS_MIGRATION, IN_ID_LIST, type Migration, openSqliteStore, type SqliteStore } from '../../lib/kit';

/**
 * The perpetrator programme service's store. This is the one file a programme provider rewrites to
 * plug in its own records system: keep the row shapes and the batched queries (one query for any
 * number of persons).
 */
export type PerpetratorProgramsStore = SqliteStore;

export const MIGRATIONS: Migration[] = [
  CLIENT_LINKS_MIGRATION,
  {
    version: 2,
    name: 'perpetrator programme records',
    sql: `
    CREATE TABLE programme_enrolments (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
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
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      enrolment_id TEXT NOT NULL REFERENCES programme_enrolments(id),
      held_at TEXT NOT NULL,
      attended INTEGER NOT NULL CHECK (attended IN (0, 1))
    );
    CREATE INDEX programme_sessions_person ON programme_sessions(person_id, held_at);
    CREATE INDEX programme_sessions_enrolment ON programme_sessions(enrolment_id, attended);
    CREATE TABLE progress_assessments (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      enrolment_id TEXT NOT NULL REFERENCES programme_enrolments(id),
      assessed_at TEXT NOT NULL,
      progress TEXT NOT NULL CHECK (progress IN ('NONE', 'SOME', 'GOOD')),
      responsibility TEXT NOT NULL CHECK (responsibility IN ('NONE', 'SOME', 'GOOD')),
      engagement TEXT NOT NULL CHECK (engagement IN ('NONE', 'SOME', 'GOOD'))
    );
    CREATE INDEX progress_assessments_person ON progress_assessments(person_id, assessed_at);`,
  },
];

export function openPerpetratorProgramsStore(file: string): PerpetratorProgramsStore {
  return openSqliteStore(file, MIGRATIONS);
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
