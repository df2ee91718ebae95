import type { Migration } from '../../lib/kit';
import { NAME_TOKENS_MIGRATION } from './clientSearch';

/** The FJC store's schema, one version at a time; applied in order when the subgraph starts. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'client registry, cases, reference directory',
    sql: `
    CREATE TABLE clients (
      id TEXT PRIMARY KEY,
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL,
      date_of_birth TEXT NOT NULL,
      gender TEXT NOT NULL CHECK (gender IN ('FEMALE', 'MALE', 'X')),
      language TEXT NOT NULL,
      interpreter_needed INTEGER NOT NULL,
      phone TEXT,
      email TEXT,
      street TEXT,
      postal_code TEXT,
      municipality TEXT,
      address_protected INTEGER NOT NULL,
      registered_at TEXT NOT NULL,
      registered_by TEXT NOT NULL,
      request_id TEXT
    );
    CREATE INDEX clients_birth ON clients(date_of_birth);
    CREATE INDEX clients_name ON clients(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
    CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
      opened_at TEXT NOT NULL,
      closed_at TEXT,
      risk_level TEXT CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH')),
      case_manager TEXT
    );
    CREATE INDEX cases_manager ON cases(case_manager, opened_at);
    CREATE INDEX cases_status ON cases(status, opened_at);
    CREATE TABLE case_members (
      case_id TEXT NOT NULL REFERENCES cases(id),
      client_id TEXT NOT NULL REFERENCES clients(id),
      role TEXT NOT NULL CHECK (role IN ('VICTIM', 'PERPETRATOR', 'CHILD', 'OTHER')),
      PRIMARY KEY (case_id, client_id)
    );
    CREATE INDEX case_members_client ON case_members(client_id);
    CREATE TABLE agency_links (
      agency TEXT NOT NULL,
      client_id TEXT NOT NULL REFERENCES clients(id),
      capacity TEXT NOT NULL,
      since TEXT NOT NULL,
      registered_by TEXT NOT NULL,
      request_id TEXT,
      PRIMARY KEY (client_id, agency)
    );`,
  },
  {
    version: 2,
    name: 'consent registry, security conferences, mutation log',
    sql: `
    CREATE TABLE consents (
      id TEXT PRIMARY KEY,
      client_id TEXT NOT NULL REFERENCES clients(id),
      grantee_agency TEXT NOT NULL,
      categories TEXT NOT NULL,
      purposes TEXT NOT NULL,
      valid_from TEXT NOT NULL,
      valid_until TEXT NOT NULL,
      evidence_reference TEXT NOT NULL,
      renews TEXT REFERENCES consents(id),
      recorded_by TEXT NOT NULL,
      recorded_by_agency TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      request_id TEXT NOT NULL,
      CHECK (valid_until > valid_from)
    );
    CREATE INDEX consents_client ON consents(client_id, grantee_agency, valid_until);
    CREATE INDEX consents_recorded ON consents(recorded_at);
    CREATE TABLE consent_revocations (
      consent_id TEXT PRIMARY KEY REFERENCES consents(id),
      reason TEXT NOT NULL,
      revoked_by TEXT NOT NULL,
      revoked_by_agency TEXT NOT NULL,
      revoked_at TEXT NOT NULL,
      request_id TEXT NOT NULL
    );
    CREATE INDEX consent_revocations_time ON consent_revocations(revoked_at);
    -- A consent is never edited: revocation and renewal add records, so its history stands.
    CREATE TRIGGER consents_never_updated BEFORE UPDATE ON consents BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
    CREATE TRIGGER consents_never_deleted BEFORE DELETE ON consents BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
    CREATE TRIGGER revocations_never_updated BEFORE UPDATE ON consent_revocations BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END;
    CREATE TRIGGER revocations_never_deleted BEFORE DELETE ON consent_revocations BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END;
    CREATE TABLE conferences (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases(id),
      starts_at TEXT NOT NULL,
      ends_at TEXT NOT NULL,
      legal_basis TEXT NOT NULL CHECK (legal_basis IN ('DECREE', 'PROSECUTOR_PERMISSION')),
      legal_basis_reference TEXT NOT NULL,
      convened_by TEXT NOT NULL,
      convened_at TEXT NOT NULL,
      request_id TEXT NOT NULL,
      closed_at TEXT,
      closed_by TEXT,
      close_request_id TEXT,
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX conferences_case ON conferences(case_id, starts_at);
    CREATE INDEX conferences_time ON conferences(starts_at);
    CREATE TABLE conference_participants (
      conference_id TEXT NOT NULL REFERENCES conferences(id),
      staff_sub TEXT NOT NULL,
      agency TEXT NOT NULL,
      PRIMARY KEY (conference_id, staff_sub)
    );
    CREATE INDEX conference_participants_staff ON conference_participants(staff_sub);
    -- Who changed what, when, under which request id: one row per mutation, never edited.
    CREATE TABLE mutation_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      request_id TEXT NOT NULL,
      sub TEXT NOT NULL,
      agency TEXT NOT NULL,
      operation TEXT NOT NULL,
      target_id TEXT NOT NULL
    );
    CREATE TRIGGER mutation_log_never_updated BEFORE UPDATE ON mutation_log BEGIN SELECT RAISE(ABORT, 'the mutation log is append-only'); END;
    CREATE TRIGGER mutation_log_never_deleted BEFORE DELETE ON mutation_log BEGIN SELECT RAISE(ABORT, 'the mutation log is append-only'); END;`,
  },
  {
    version: 3,
    name: 'case plan: membership history, plan items, monitoring notes, decisions and actions',
    sql: `
    CREATE TABLE case_member_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      case_id TEXT NOT NULL REFERENCES cases(id),
      client_id TEXT NOT NULL REFERENCES clients(id),
      role TEXT NOT NULL CHECK (role IN ('VICTIM', 'PERPETRATOR', 'CHILD', 'OTHER')),
      event TEXT NOT NULL CHECK (event IN ('ADDED', 'REMOVED')),
      at TEXT NOT NULL,
      by_sub TEXT NOT NULL,
      request_id TEXT NOT NULL
    );
    CREATE INDEX case_member_events_case ON case_member_events(case_id, id);
    CREATE TABLE plan_items (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases(id),
      domain TEXT NOT NULL CHECK (domain IN ('SAFETY', 'HOUSING', 'WORK', 'ADDICTION', 'FINANCES', 'MENTAL_HEALTH',
        'PERPETRATOR_PROGRAMME', 'SUPERVISED_CONTACT', 'PARENTING', 'OTHER')),
      description TEXT NOT NULL,
      owner_agency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      due_date TEXT,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      request_id TEXT NOT NULL,
      updated_by TEXT,
      updated_at TEXT,
      update_request_id TEXT
    );
    CREATE INDEX plan_items_case ON plan_items(case_id);
    CREATE TABLE monitoring_notes (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases(id),
      text TEXT NOT NULL,
      written_by TEXT NOT NULL,
      written_at TEXT NOT NULL,
      request_id TEXT NOT NULL
    );
    CREATE INDEX monitoring_notes_case ON monitoring_notes(case_id, written_at);
    CREATE TABLE case_actions (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases(id),
      conference_id TEXT REFERENCES conferences(id),
      kind TEXT NOT NULL CHECK (kind IN ('DECISION', 'ACTION')),
      description TEXT NOT NULL,
      responsible_agency TEXT NOT NULL,
      due_date TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      request_id TEXT NOT NULL
    );
    CREATE INDEX case_actions_case ON case_actions(case_id, due_date);
    CREATE INDEX case_actions_conference ON case_actions(conference_id);
    -- Notes, decisions and membership changes are a record of what happened: added to, never rewritten.
    CREATE TRIGGER case_member_events_never_updated BEFORE UPDATE ON case_member_events BEGIN SELECT RAISE(ABORT, 'membership history is append-only'); END;
    CREATE TRIGGER case_member_events_never_deleted BEFORE DELETE ON case_member_events BEGIN SELECT RAISE(ABORT, 'membership history is append-only'); END;
    CREATE TRIGGER monitoring_notes_never_updated BEFORE UPDATE ON monitoring_notes BEGIN SELECT RAISE(ABORT, 'monitoring notes are append-only'); END;
    CREATE TRIGGER monitoring_notes_never_deleted BEFORE DELETE ON monitoring_notes BEGIN SELECT RAISE(ABORT, 'monitoring notes are append-only'); END;
    CREATE TRIGGER case_actions_never_updated BEFORE UPDATE ON case_actions BEGIN SELECT RAISE(ABORT, 'decisions and actions are append-only'); END;
    CREATE TRIGGER case_actions_never_deleted BEFORE DELETE ON case_actions BEGIN SELECT RAISE(ABORT, 'decisions and actions are append-only'); END;`,
  },
  {
    version: 4,
    name: 'statistics: cases by the day they opened and closed',
    // The figures count cases opened or closed in a range, by risk level (subgraphs/fjc/statistics.ts):
    // cases_status leads with the status, so neither range could use an index without these.
    sql: `
    CREATE INDEX cases_opened ON cases(opened_at, risk_level);
    CREATE INDEX cases_closed ON cases(closed_at, risk_level);`,
  },
  {
    version: 5,
    name: 'mutation log: the purpose and basis of every write',
    // Rows written before this version have no purpose (NULL): it was not recorded. From now on a
    // row without a purpose is refused, and the log stays append-only (the triggers of version 2).
    sql: `
    ALTER TABLE mutation_log ADD COLUMN purpose TEXT;
    ALTER TABLE mutation_log ADD COLUMN conference_id TEXT;
    ALTER TABLE mutation_log ADD COLUMN emergency_reason TEXT;
    CREATE TRIGGER mutation_log_needs_purpose BEFORE INSERT ON mutation_log WHEN NEW.purpose IS NULL
    BEGIN SELECT RAISE(ABORT, 'a mutation is logged with its purpose'); END;`,
  },
  NAME_TOKENS_MIGRATION,
];
