import { CLIENT_LINKS_MIGRATION, IN_ID_LIST, type Migration, openSqliteStore, type SqliteStore } from '../../lib/kit';

/**
 * The housing service's store. This is the one file a housing service rewrites to plug in its own
 * records system: keep the row shapes and the batched queries (one query for any number of persons).
 */
export type HousingStore = SqliteStore;

export const MIGRATIONS: Migration[] = [
  CLIENT_LINKS_MIGRATION,
  {
    version: 2,
    name: 'housing records',
    sql: `
    CREATE TABLE applications (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      applied_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('SUBMITTED', 'ON_WAITING_LIST', 'OFFERED', 'HOUSED', 'WITHDRAWN')),
      priority TEXT NOT NULL CHECK (priority IN ('NORMAL', 'PRIORITY', 'EMERGENCY')),
      household_size INTEGER NOT NULL CHECK (household_size >= 1)
    );
    CREATE INDEX applications_person ON applications(person_id, applied_on);
    CREATE INDEX applications_time ON applications(applied_on);
    CREATE TABLE offers (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      application_id TEXT NOT NULL REFERENCES applications(id),
      offered_on TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'PENDING')),
      dwelling_municipality TEXT
    );
    CREATE INDEX offers_person ON offers(person_id, offered_on);
    CREATE INDEX offers_time ON offers(offered_on);
    CREATE TABLE shelter_placements (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES client_links(person_id),
      kind TEXT NOT NULL CHECK (kind IN ('WOMENS_SHELTER', 'CRISIS_ACCOMMODATION', 'TRANSITIONAL_HOUSING')),
      starts_on TEXT NOT NULL,
      ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
      children_accompanying INTEGER NOT NULL CHECK (children_accompanying >= 0),
      shelter_location TEXT
    );
    CREATE INDEX shelter_placements_person ON shelter_placements(person_id, starts_on);
    CREATE INDEX shelter_placements_time ON shelter_placements(starts_on);`,
  },
];

export function openHousingStore(file: string): HousingStore {
  return openSqliteStore(file, MIGRATIONS);
}

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface ApplicationRow {
  person_id: string;
  appliedOn: string;
  status: string;
  priority: string;
  householdSize: number;
}
export interface OfferRow {
  person_id: string;
  offeredOn: string;
  outcome: string;
  dwellingMunicipality: string | null;
}
export interface ShelterPlacementRow {
  person_id: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
  childrenAccompanying: number;
  shelterLocation: string | null;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  applications: `SELECT person_id, applied_on AS appliedOn, status, priority, household_size AS householdSize
    FROM applications WHERE person_id ${IN_ID_LIST} ORDER BY applied_on DESC`,
  offers: `SELECT person_id, offered_on AS offeredOn, outcome, dwelling_municipality AS dwellingMunicipality
    FROM offers WHERE person_id ${IN_ID_LIST} ORDER BY offered_on DESC`,
  shelterPlacements: `SELECT person_id, kind, starts_on AS startsOn, ends_on AS endsOn,
      children_accompanying AS childrenAccompanying, shelter_location AS shelterLocation
    FROM shelter_placements WHERE person_id ${IN_ID_LIST} ORDER BY starts_on DESC`,
} as const;
