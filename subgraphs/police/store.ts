import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { POLICE_FIGURES } from './statistics';

/**
 * The police zone's store: the store interface over the SQLite file OneRoof keeps for its data. An
 * agency that keeps its own system rewrites this one file as an adapter with the same row shapes
 * (an example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type PoliceStore = SqliteAgencyStore<PoliceRows>;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'police records',
    sql: `
    CREATE TABLE interventions (
      id TEXT PRIMARY KEY,
      report_number TEXT NOT NULL,
      person_id TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('VICTIM', 'SUSPECT')),
      occurred_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('PHYSICAL', 'PSYCHOLOGICAL', 'SEXUAL', 'ECONOMIC', 'STALKING')),
      substances TEXT NOT NULL DEFAULT '',
      children_present INTEGER NOT NULL
    );
    CREATE INDEX interventions_person ON interventions(person_id, occurred_at);
    CREATE INDEX interventions_time ON interventions(occurred_at);
    CREATE TABLE barring_orders (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('SUBJECT', 'PROTECTED_PERSON')),
      starts_at TEXT NOT NULL,
      ends_at TEXT NOT NULL,
      extended INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'EXPIRED', 'LIFTED', 'BREACHED')),
      conditions TEXT NOT NULL
    );
    CREATE INDEX barring_orders_person ON barring_orders(person_id, starts_at);
    CREATE INDEX barring_orders_time ON barring_orders(starts_at);
    CREATE TABLE risk_assessments (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      assessed_at TEXT NOT NULL,
      instrument TEXT NOT NULL,
      score INTEGER NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'))
    );
    CREATE INDEX risk_assessments_person ON risk_assessments(person_id, assessed_at);
    CREATE TABLE victim_follow_ups (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      contacted_at TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('PHONE', 'HOME_VISIT', 'OFFICE')),
      outcome TEXT NOT NULL CHECK (outcome IN ('REACHED', 'NOT_REACHED', 'REFERRED_TO_FJC'))
    );
    CREATE INDEX victim_follow_ups_person ON victim_follow_ups(person_id, contacted_at);
    CREATE TABLE compliance_checks (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      checked_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('HOME_VISIT', 'PHONE_CHECK', 'PATROL')),
      compliant INTEGER NOT NULL
    );
    CREATE INDEX compliance_checks_person ON compliance_checks(person_id, checked_at);`,
  },
  {
    version: 2,
    name: 'statistics: interventions and barring orders by day, with the columns counted',
    // The figures (statistics.ts) count a year of the zone's biggest tables by day: with every
    // column they read in the index, SQLite answers from the index alone, never visiting a row.
    sql: `
    CREATE INDEX interventions_statistics ON interventions(occurred_at, kind, report_number, children_present, substances);
    CREATE INDEX barring_orders_statistics ON barring_orders(starts_at, role, extended);`,
  },
];

/**
 * Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof
 * keeps apart from it.
 */
export function openPoliceStore(context: StoreContext): PoliceStore {
  return createSqliteAgencyStore<PoliceRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: POLICE_FIGURES });
}

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface InterventionRow {
  person_id: string;
  reportNumber: string;
  occurredAt: string;
  kind: string;
  substances: string;
  childrenPresent: number;
  role: string;
}
export interface BarringOrderRow {
  person_id: string;
  id: string;
  startsAt: string;
  endsAt: string;
  extended: number;
  status: string;
  conditions: string;
  role: string;
}
export interface RiskAssessmentRow {
  person_id: string;
  assessedAt: string;
  instrument: string;
  score: number;
  level: string;
}
export interface VictimFollowUpRow {
  person_id: string;
  contactedAt: string;
  channel: string;
  outcome: string;
}
export interface ComplianceCheckRow {
  person_id: string;
  checkedAt: string;
  kind: string;
  compliant: number;
}

/** The row type of each list field of the police file, by field name. */
export interface PoliceRows {
  interventions: InterventionRow;
  barringOrders: BarringOrderRow;
  riskAssessments: RiskAssessmentRow;
  victimFollowUps: VictimFollowUpRow;
  complianceChecks: ComplianceCheckRow;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  interventions: `SELECT person_id, report_number AS reportNumber, occurred_at AS occurredAt, kind, substances,
      children_present AS childrenPresent, role
    FROM interventions WHERE person_id ${IN_ID_LIST} ORDER BY occurred_at DESC`,
  barringOrders: `SELECT person_id, id, starts_at AS startsAt, ends_at AS endsAt, extended, status, conditions, role
    FROM barring_orders WHERE person_id ${IN_ID_LIST} ORDER BY starts_at DESC`,
  riskAssessments: `SELECT person_id, assessed_at AS assessedAt, instrument, score, level
    FROM risk_assessments WHERE person_id ${IN_ID_LIST} ORDER BY assessed_at DESC`,
  victimFollowUps: `SELECT person_id, contacted_at AS contactedAt, channel, outcome
    FROM victim_follow_ups WHERE person_id ${IN_ID_LIST} ORDER BY contacted_at DESC`,
  complianceChecks: `SELECT person_id, checked_at AS checkedAt, kind, compliant
    FROM compliance_checks WHERE person_id ${IN_ID_LIST} ORDER BY checked_at DESC`,
} as const;
