import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { PROBATION_FIGURES } from './statistics';

/**
 * The probation service's store: the store interface over the SQLite file OneRoof keeps for its data. An
 * agency that keeps its own system rewrites this one file as an adapter with the same row shapes
 * (an example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type ProbationStore = SqliteAgencyStore<ProbationRows>;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'probation records',
    sql: `
    CREATE TABLE probation_orders (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      legal_frame TEXT NOT NULL CHECK (legal_frame IN ('PROBATION_SUSPENDED_SENTENCE', 'AUTONOMOUS_PROBATION_SENTENCE',
        'CONDITIONAL_RELEASE', 'ELECTRONIC_MONITORING', 'PRETRIAL_CONDITIONS')),
      starts_at TEXT NOT NULL,
      ends_at TEXT NOT NULL CHECK (ends_at >= starts_at),
      status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'REVOKED')),
      conditions TEXT NOT NULL
    );
    CREATE INDEX probation_orders_person ON probation_orders(person_id, starts_at);
    CREATE INDEX probation_orders_time ON probation_orders(starts_at);
    CREATE TABLE probation_appointments (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      order_id TEXT NOT NULL REFERENCES probation_orders(id),
      scheduled_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('INTAKE', 'SUPERVISION_INTERVIEW', 'HOME_VISIT', 'PHONE_CONTACT', 'NETWORK_MEETING')),
      outcome TEXT NOT NULL CHECK (outcome IN ('PLANNED', 'ATTENDED', 'MISSED'))
    );
    CREATE INDEX probation_appointments_person ON probation_appointments(person_id, scheduled_at);
    CREATE INDEX probation_appointments_time ON probation_appointments(scheduled_at);
    CREATE TABLE probation_reports (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      order_id TEXT NOT NULL REFERENCES probation_orders(id),
      submitted_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('START_REPORT', 'PROGRESS_REPORT', 'BREACH_REPORT', 'FINAL_REPORT')),
      recipient TEXT NOT NULL CHECK (recipient IN ('PROBATION_COMMISSION', 'SENTENCE_IMPLEMENTATION_COURT', 'INVESTIGATING_JUDGE')),
      compliance TEXT NOT NULL CHECK (compliance IN ('COMPLIANT', 'PARTLY_COMPLIANT', 'NOT_COMPLIANT'))
    );
    CREATE INDEX probation_reports_person ON probation_reports(person_id, submitted_at);
    CREATE INDEX probation_reports_time ON probation_reports(submitted_at);
    CREATE TABLE probation_breaches (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      order_id TEXT NOT NULL REFERENCES probation_orders(id),
      occurred_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('NO_CONTACT_VIOLATED', 'PROGRAMME_ABSENCE', 'MISSED_APPOINTMENTS',
        'TREATMENT_ABANDONED', 'MONITORING_VIOLATED', 'NEW_OFFENCE')),
      reported_to_prosecutor INTEGER NOT NULL CHECK (reported_to_prosecutor IN (0, 1))
    );
    CREATE INDEX probation_breaches_person ON probation_breaches(person_id, occurred_at);
    CREATE INDEX probation_breaches_time ON probation_breaches(occurred_at);`,
  },
];

/**
 * Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof
 * keeps apart from it.
 */
export function openProbationStore(context: StoreContext): ProbationStore {
  return createSqliteAgencyStore<ProbationRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: PROBATION_FIGURES });
}

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface ProbationOrderRow {
  person_id: string;
  id: string;
  legalFrame: string;
  startsAt: string;
  endsAt: string;
  status: string;
  conditions: string;
}
export interface ProbationAppointmentRow {
  person_id: string;
  orderId: string;
  scheduledAt: string;
  kind: string;
  outcome: string;
}
export interface ProbationReportRow {
  person_id: string;
  orderId: string;
  submittedAt: string;
  kind: string;
  recipient: string;
  compliance: string;
}
export interface ProbationBreachRow {
  person_id: string;
  orderId: string;
  occurredAt: string;
  kind: string;
  reportedToProsecutor: number;
}

/** The row type of each list field of the probation file, by field name. */
export interface ProbationRows {
  supervisionOrders: ProbationOrderRow;
  appointments: ProbationAppointmentRow;
  reports: ProbationReportRow;
  breaches: ProbationBreachRow;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  supervisionOrders: `SELECT person_id, id, legal_frame AS legalFrame, starts_at AS startsAt, ends_at AS endsAt, status, conditions
    FROM probation_orders WHERE person_id ${IN_ID_LIST} ORDER BY starts_at DESC`,
  appointments: `SELECT person_id, order_id AS orderId, scheduled_at AS scheduledAt, kind, outcome
    FROM probation_appointments WHERE person_id ${IN_ID_LIST} ORDER BY scheduled_at DESC`,
  reports: `SELECT person_id, order_id AS orderId, submitted_at AS submittedAt, kind, recipient, compliance
    FROM probation_reports WHERE person_id ${IN_ID_LIST} ORDER BY submitted_at DESC`,
  breaches: `SELECT person_id, order_id AS orderId, occurred_at AS occurredAt, kind, reported_to_prosecutor AS reportedToProsecutor
    FROM probation_breaches WHERE person_id ${IN_ID_LIST} ORDER BY occurred_at DESC`,
} as const;
