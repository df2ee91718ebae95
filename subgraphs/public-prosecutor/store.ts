import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { BREACH_KINDS, DECISION_KINDS, PROSECUTOR_FIGURES } from './statistics';

/**
 * The public prosecutor's office's store: the store interface over the SQLite file OneRoof keeps for
 * its data. An office that keeps its own case system rewrites this one file as an adapter with the
 * same row shapes (an example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and
 * disclosure log stay.
 */
export type ProsecutorStore = SqliteAgencyStore<ProsecutorRows>;

const inList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'public-prosecutor records',
    sql: `
    CREATE TABLE cases (
      case_number TEXT PRIMARY KEY,
      police_report_number TEXT NOT NULL UNIQUE,
      registered_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('UNDER_INVESTIGATION', 'DECIDED'))
    );
    CREATE INDEX cases_time ON cases(registered_at);
    CREATE TABLE case_parties (
      case_number TEXT NOT NULL REFERENCES cases(case_number),
      person_id TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('VICTIM', 'SUSPECT')),
      PRIMARY KEY (case_number, person_id)
    );
    CREATE INDEX case_parties_person ON case_parties(person_id);
    CREATE TABLE decisions (
      id TEXT PRIMARY KEY,
      case_number TEXT NOT NULL REFERENCES cases(case_number),
      decided_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN (${inList(DECISION_KINDS)})),
      conditions TEXT NOT NULL
    );
    CREATE INDEX decisions_case ON decisions(case_number);
    CREATE INDEX decisions_time ON decisions(decided_at);
    CREATE TABLE barring_orders (
      id TEXT PRIMARY KEY,
      case_number TEXT NOT NULL REFERENCES cases(case_number),
      imposed_at TEXT NOT NULL,
      ends_at TEXT NOT NULL CHECK (ends_at >= imposed_at),
      conditions TEXT NOT NULL
    );
    CREATE INDEX barring_orders_case ON barring_orders(case_number);
    CREATE INDEX barring_orders_time ON barring_orders(imposed_at);
    CREATE TABLE barring_order_breaches (
      id TEXT PRIMARY KEY,
      case_number TEXT NOT NULL REFERENCES cases(case_number),
      occurred_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN (${inList(BREACH_KINDS)})),
      response TEXT NOT NULL CHECK (response IN ('PROSECUTED', 'WARNED'))
    );
    CREATE INDEX barring_order_breaches_case ON barring_order_breaches(case_number);
    CREATE INDEX barring_order_breaches_time ON barring_order_breaches(occurred_at);
    CREATE TABLE victim_statements (
      id TEXT PRIMARY KEY,
      case_number TEXT NOT NULL REFERENCES cases(case_number),
      person_id TEXT NOT NULL,
      filed_at TEXT NOT NULL,
      phone TEXT,
      email TEXT,
      notification_address TEXT
    );
    CREATE INDEX victim_statements_person ON victim_statements(person_id, filed_at);`,
  },
];

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface CaseRow {
  person_id: string;
  caseNumber: string;
  policeReportNumber: string;
  registeredAt: string;
  role: string;
  status: string;
}
export interface DecisionRow {
  person_id: string;
  caseNumber: string;
  decidedAt: string;
  kind: string;
  /** A list column (`listColumn`). */
  conditions: string;
}
export interface BarringOrderRow {
  person_id: string;
  caseNumber: string;
  imposedAt: string;
  endsAt: string;
  role: string;
  /** A list column (`listColumn`). */
  conditions: string;
}
export interface BarringOrderBreachRow {
  person_id: string;
  caseNumber: string;
  occurredAt: string;
  kind: string;
  response: string;
}

export interface VictimStatementRow {
  person_id: string;
  caseNumber: string;
  filedAt: string;
  phone: string | null;
  email: string | null;
  notificationAddress: string | null;
}

/** The row type of each list field of the file, by field name. */
export interface ProsecutorRows {
  cases: CaseRow;
  decisions: DecisionRow;
  barringOrders: BarringOrderRow;
  barringOrderBreaches: BarringOrderBreachRow;
  victimStatements: VictimStatementRow;
}

/** A person's part in cases: every record of a case reaches each party to it. */
const PARTIES = `FROM case_parties p`;

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  cases: `SELECT p.person_id, c.case_number AS caseNumber, c.police_report_number AS policeReportNumber, c.registered_at AS registeredAt, p.role, c.status
    ${PARTIES} JOIN cases c ON c.case_number = p.case_number WHERE p.person_id ${IN_ID_LIST} ORDER BY c.registered_at DESC, c.case_number DESC`,
  decisions: `SELECT p.person_id, d.case_number AS caseNumber, d.decided_at AS decidedAt, d.kind, d.conditions
    ${PARTIES} JOIN decisions d ON d.case_number = p.case_number WHERE p.person_id ${IN_ID_LIST} ORDER BY d.decided_at DESC, d.id DESC`,
  barringOrders: `SELECT p.person_id, b.case_number AS caseNumber, b.imposed_at AS imposedAt, b.ends_at AS endsAt,
      CASE p.role WHEN 'SUSPECT' THEN 'SUBJECT' ELSE 'PROTECTED_PERSON' END AS role, b.conditions
    ${PARTIES} JOIN barring_orders b ON b.case_number = p.case_number WHERE p.person_id ${IN_ID_LIST} ORDER BY b.imposed_at DESC, b.id DESC`,
  barringOrderBreaches: `SELECT p.person_id, x.case_number AS caseNumber, x.occurred_at AS occurredAt, x.kind, x.response
    ${PARTIES} JOIN barring_order_breaches x ON x.case_number = p.case_number WHERE p.person_id ${IN_ID_LIST} ORDER BY x.occurred_at DESC, x.id DESC`,
  // The victim's own statements only: the suspect, party to the same case, never reaches them.
  victimStatements: `SELECT person_id, case_number AS caseNumber, filed_at AS filedAt, phone, email, notification_address AS notificationAddress
    FROM victim_statements WHERE person_id ${IN_ID_LIST} ORDER BY filed_at DESC, id DESC`,
} as const;

/** Opens the store over OneRoof's SQLite file for the office's data, with the person links OneRoof keeps apart from it. */
export function openProsecutorStore(context: StoreContext): ProsecutorStore {
  return createSqliteAgencyStore<ProsecutorRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: PROSECUTOR_FIGURES });
}
