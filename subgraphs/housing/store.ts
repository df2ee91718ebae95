import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { HOUSING_FIGURES } from './statistics';

/**
 * The housing service's store: the store interface over the SQLite file OneRoof keeps for its data. An
 * agency that keeps its own system rewrites this one file as an adapter with the same row shapes
 * (an example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type HousingStore = SqliteAgencyStore<HousingRows>;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'housing records',
    sql: `
    CREATE TABLE applications (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      applied_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('SUBMITTED', 'ON_WAITING_LIST', 'OFFERED', 'HOUSED', 'WITHDRAWN')),
      priority TEXT NOT NULL CHECK (priority IN ('NORMAL', 'PRIORITY', 'EMERGENCY')),
      household_size INTEGER NOT NULL CHECK (household_size >= 1)
    );
    CREATE INDEX applications_person ON applications(person_id, applied_on);
    CREATE INDEX applications_time ON applications(applied_on);
    CREATE TABLE offers (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      application_id TEXT NOT NULL REFERENCES applications(id),
      offered_on TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'PENDING')),
      dwelling_municipality TEXT
    );
    CREATE INDEX offers_person ON offers(person_id, offered_on);
    CREATE INDEX offers_time ON offers(offered_on);
    CREATE TABLE shelter_placements (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
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

/**
 * Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof
 * keeps apart from it.
 */
export function openHousingStore(context: StoreContext): HousingStore {
  return createSqliteAgencyStore<HousingRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: HOUSING_FIGURES });
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

/** The row type of each list field of the housing file, by field name. */
export interface HousingRows {
  applications: ApplicationRow;
  offers: OfferRow;
  shelterPlacements: ShelterPlacementRow;
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
