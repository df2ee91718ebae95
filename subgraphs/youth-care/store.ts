import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { YOUTH_CARE_FIGURES } from './statistics';

/**
 * Youth care's store: the store interface over the SQLite file OneRoof keeps for its data. An agency
 * that keeps its own system rewrites this one file as an adapter with the same row shapes (an
 * example: tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type YouthCareStore = SqliteAgencyStore<YouthCareRows>;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'youth care records',
    sql: `
    CREATE TABLE measures (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('HOME_SUPERVISION', 'OUT_OF_HOME_PLACEMENT', 'JUVENILE_COURT_MEASURE', 'VOLUNTARY_SUPPORT')),
      legal_frame TEXT NOT NULL CHECK (legal_frame IN ('VOLUNTARY', 'JUDICIAL')),
      starts_on TEXT NOT NULL,
      ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
      status TEXT NOT NULL CHECK (status IN ('PLANNED', 'ACTIVE', 'ENDED'))
    );
    CREATE INDEX measures_person ON measures(person_id, starts_on);
    CREATE INDEX measures_time ON measures(starts_on);
    CREATE TABLE placements (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      measure_id TEXT REFERENCES measures(id),
      kind TEXT NOT NULL CHECK (kind IN ('FOSTER_FAMILY', 'RESIDENTIAL', 'KINSHIP')),
      starts_on TEXT NOT NULL,
      ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
      placement_municipality TEXT
    );
    CREATE INDEX placements_person ON placements(person_id, starts_on);
    CREATE INDEX placements_time ON placements(starts_on);
    CREATE TABLE supervised_contacts (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      parent_role TEXT NOT NULL CHECK (parent_role IN ('VICTIM_PARENT', 'PERPETRATOR_PARENT')),
      frequency TEXT NOT NULL CHECK (frequency IN ('WEEKLY', 'FORTNIGHTLY', 'MONTHLY')),
      supervised_by TEXT NOT NULL CHECK (supervised_by IN ('CONTACT_CENTRE', 'YOUTH_CARE_WORKER', 'PLACEMENT_CARERS')),
      starts_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'ENDED'))
    );
    CREATE INDEX supervised_contacts_person ON supervised_contacts(person_id, starts_on);
    CREATE INDEX supervised_contacts_time ON supervised_contacts(starts_on);
    CREATE TABLE parental_guidance (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('PARENTING_SUPPORT', 'HOME_GUIDANCE', 'FAMILY_CRISIS_INTERVENTION')),
      starts_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'DROPPED_OUT'))
    );
    CREATE INDEX parental_guidance_person ON parental_guidance(person_id, starts_on);
    CREATE INDEX parental_guidance_time ON parental_guidance(starts_on);`,
  },
];

/**
 * Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof
 * keeps apart from it.
 */
export function openYouthCareStore(context: StoreContext): YouthCareStore {
  return createSqliteAgencyStore<YouthCareRows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: YOUTH_CARE_FIGURES });
}

// Row shapes: columns aliased to the schema's field names; `person_id` groups rows per person.
export interface MeasureRow {
  person_id: string;
  kind: string;
  legalFrame: string;
  startsOn: string;
  endsOn: string | null;
  status: string;
}
export interface PlacementRow {
  person_id: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
  placementMunicipality: string | null;
}
export interface SupervisedContactRow {
  person_id: string;
  parentRole: string;
  frequency: string;
  supervisedBy: string;
  startsOn: string;
  status: string;
}
export interface ParentalGuidanceRow {
  person_id: string;
  kind: string;
  startsOn: string;
  status: string;
}

/** The row type of each list field of the youth-care file, by field name. */
export interface YouthCareRows {
  measures: MeasureRow;
  placements: PlacementRow;
  supervisedContacts: SupervisedContactRow;
  parentalGuidance: ParentalGuidanceRow;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  measures: `SELECT person_id, kind, legal_frame AS legalFrame, starts_on AS startsOn, ends_on AS endsOn, status
    FROM measures WHERE person_id ${IN_ID_LIST} ORDER BY starts_on DESC`,
  placements: `SELECT person_id, kind, starts_on AS startsOn, ends_on AS endsOn, placement_municipality AS placementMunicipality
    FROM placements WHERE person_id ${IN_ID_LIST} ORDER BY starts_on DESC`,
  supervisedContacts: `SELECT person_id, parent_role AS parentRole, frequency, supervised_by AS supervisedBy,
      starts_on AS startsOn, status
    FROM supervised_contacts WHERE person_id ${IN_ID_LIST} ORDER BY starts_on DESC`,
  parentalGuidance: `SELECT person_id, kind, starts_on AS startsOn, status
    FROM parental_guidance WHERE person_id ${IN_ID_LIST} ORDER BY starts_on DESC`,
} as const;
