import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { MENTAL_HEALTH_FIGURES } from './statistics';

/**
 * The centre for mental health's store: the store interface over the SQLite file OneRoof keeps for its data. An
 * agency that keeps its own system rewrites this one file as an adapter with the same row shapes
 * (an example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type MentalHealthStore = SqliteAgencyStore<MentalHealthRows>;

/** ICD-10 codes as the centre records them; the schema spells the dot as an underscore. */
export const DIAGNOSIS_CODES = ['F10', 'F12', 'F14', 'F19', 'F32', 'F33', 'F41.1', 'F43.0', 'F43.1', 'F43.2', 'F60'] as const;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'mental health records',
    sql: `
    CREATE TABLE care_episodes (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
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
      person_id TEXT NOT NULL,
      drawn_up_on TEXT NOT NULL,
      last_reviewed_on TEXT NOT NULL CHECK (last_reviewed_on >= drawn_up_on)
    );
    CREATE INDEX crisis_plans_person ON crisis_plans(person_id, drawn_up_on);
    CREATE INDEX crisis_plans_time ON crisis_plans(drawn_up_on);`,
  },
];

/**
 * Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof
 * keeps apart from it.
 */
export function openMentalHealthStore(context: StoreContext): MentalHealthStore {
  return createSqliteAgencyStore<MentalHealthRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: MENTAL_HEALTH_FIGURES });
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

/** The row type of each list field of the mental-health file, by field name. */
export interface MentalHealthRows {
  careEpisodes: CareEpisodeRow;
  crisisPlans: CrisisPlanRow;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  careEpisodes: `SELECT person_id, service, started_on AS startedOn, ended_on AS endedOn, care_coordinator AS careCoordinator,
      addiction_care AS addictionCare, substance_focus AS substanceFocus, next_appointment_on AS nextAppointmentOn, diagnosis
    FROM care_episodes WHERE person_id ${IN_ID_LIST} ORDER BY started_on DESC`,
  crisisPlans: `SELECT person_id, drawn_up_on AS drawnUpOn, last_reviewed_on AS lastReviewedOn
    FROM crisis_plans WHERE person_id ${IN_ID_LIST} ORDER BY drawn_up_on DESC`,
} as const;
