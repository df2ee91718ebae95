import { CLIENT_LINKS_MIGRATION, IN_ID_LIST, type Migration, openSqliteStore, type SqliteStore } from '../../lib/kit';

/**
 * The centre for mental health's store. This is the one file a centre rewrites to plug in its own
 * records system: keep the row shapes and the batched queries (one query for any number of persons).
 */
export type MentalHealthStore = SqliteStore;

/** ICD-10 codes as the centre records them; the schema spells the dot as an underscore. */
export const DIAGNOSIS_CODES = ['F10', 'F12', 'F14', 'F19', 'F32', 'F33', 'F41.1', 'F43.0', 'F43.1', 'F43.2', 'F60'] as const;

export const MIGRATIONS: Migration[] = [
  CLIENT_LINKS_MIGRATION,
  {
    version: 2,
    name: 'mental health records',
    sql: `
    CREATE TABLE care_episodes (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      service TEXT NOT NULL CHECK (service IN ('ADULT_OUTPATIENT', 'ADDICTION_CARE', 'CRISIS_TEAM', 'TRAUMA_CARE', 'FORENSIC_OUTPATIENT')),
      started_on TEXT NOT NULL,
      ended_on TEXT CHECK (ended_on IS NULL OR ended_on >= started_on),
      care_coordinator TEXT,
      addiction_care INTEGER NOT NULL CHECK (addiction_care IN (0, 1)),
      substance_focus TEXT NOT NULL DEFAULT '' CHECK (addiction_care = 1 OR substance_focus = ''),
      next_appointment_on TEXT CHECK (next_appointment_on IS NULL OR ended_on IS NULL),
      diagnosis TEXT CHECK (diagnosis IS NULL OR diagnosis IN (${DIAGNOSIS_CODES.map((c) => `'${c}'`).join(', ')}))
    );
    CREATE INDEX care_episodes_person ON care_episodes(person_id, started_on);
    CREATE INDEX care_episodes_time ON care_episodes(started_on);
    CREATE TABLE crisis_plans (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      drawn_up_on TEXT NOT NULL,
      last_reviewed_on TEXT NOT NULL CHECK (last_reviewed_on >= drawn_up_on)
    );
    CREATE INDEX crisis_plans_person ON crisis_plans(person_id, drawn_up_on);
    CREATE INDEX crisis_plans_time ON crisis_plans(drawn_up_on);`,
  },
];

export function openMentalHealthStore(file: string): MentalHealthStore {
  return openSqliteStore(file, MIGRATIONS);
}

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface CareEpisodeRow {
  person_id: string;
  service: string;
  startedOn: string;
  endedOn: string | null;
  careCoordinator: string | null;
  addictionCare: number;
  substanceFocus: string;
  nextAppointmentOn: string | null;
  diagnosis: string | null;
}
export interface CrisisPlanRow {
  person_id: string;
  drawnUpOn: string;
  lastReviewedOn: string;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  careEpisodes: `SELECT person_id, service, started_on AS startedOn, ended_on AS endedOn, care_coordinator AS careCoordinator,
      addiction_care AS addictionCare, substance_focus AS substanceFocus, next_appointment_on AS nextAppointmentOn, diagnosis
    FROM care_episodes WHERE person_id ${IN_ID_LIST} ORDER BY started_on DESC`,
  crisisPlans: `SELECT person_id, drawn_up_on AS drawnUpOn, last_reviewed_on AS lastReviewedOn
    FROM crisis_plans WHERE person_id ${IN_ID_LIST} ORDER BY drawn_up_on DESC`,
} as const;
