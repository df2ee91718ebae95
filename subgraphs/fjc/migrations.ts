import type { Migration } from '../../lib/store/sqlite';

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
];
