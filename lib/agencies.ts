import registry from '../subgraphs/agencies.json';
import { CATEGORIES, type Category } from './categories';

/**
 * The agencies of a Family Justice Center, read once from the registry (`subgraphs/agencies.json`),
 * the only place that lists them: the gateway, `npm start`, the token CLI, the seed, statistics,
 * docker-compose.yml and the tests derive the list from here. An agency id is a plain string,
 * valid when the registry lists it (`isAgencyId`); every value that arrives from outside (a token,
 * an argument, a stored row) is checked before it is used as one.
 */
export type AgencyId = string;

/** The FJC itself: the registry of clients, consents and conferences, and the signer of consent assertions. */
export const FJC: AgencyId = 'fjc';

/** One agency as the registry describes it. */
export interface AgencyEntry {
  id: AgencyId;
  /** Display names in the FJC's languages. */
  names: { nl: string; fr: string; en: string };
  /**
   * The agency's field in the supergraph: its file on `Client` (partner agencies), its figures on
   * `Statistics` and its list on the audit entities (`DisclosureReport`, `DisclosureReviewQueue`).
   */
  field: string;
  /** Port offset from `ONEROOF_SUBGRAPH_BASE_PORT` (the FJC 0); unique. */
  portOffset: number;
  /**
   * Partner agencies: the category of their file's `involved` (that the agency knows the client).
   * INVOLVEMENT, except where knowing it is itself data of a category (the mental-health centre:
   * HEALTH, GDPR art. 9). The reference directory decides the agency's entry with it.
   */
  involvedCategory: Category | null;
  /** Partner agencies that work with the person who used violence: never a protected victim's or child's CONTACT data (rule 2). */
  perpetratorSide: boolean;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FIELD = /^[a-z][A-Za-z0-9]*$/;

/** Reads and checks the registry; a registry that is not exactly right stops every process at start. */
export function parseRegistry(value: unknown): AgencyEntry[] {
  const agencies = (value as { agencies?: unknown } | null)?.agencies;
  if (!Array.isArray(agencies) || agencies.length === 0) throw new Error('subgraphs/agencies.json: "agencies" must be a non-empty list');
  const entries = agencies.map((raw: unknown, index): AgencyEntry => {
    const fail = (problem: string): never => {
      throw new Error(`subgraphs/agencies.json, entry ${index + 1}: ${problem}`);
    };
    const entry = (typeof raw === 'object' && raw !== null ? raw : fail('must be an object')) as Record<string, unknown>;
    const id = typeof entry.id === 'string' && ID.test(entry.id) ? entry.id : fail('"id" must be lower-case words joined by "-", e.g. victim-support');
    const names = entry.names as Record<string, unknown> | undefined;
    for (const locale of ['nl', 'fr', 'en']) {
      if (typeof names?.[locale] !== 'string' || (names[locale] as string).trim() === '') fail(`"names.${locale}" is required`);
    }
    const field = typeof entry.field === 'string' && FIELD.test(entry.field) ? entry.field : fail('"field" must be a GraphQL field name in camelCase');
    const portOffset = Number.isInteger(entry.portOffset) && (entry.portOffset as number) >= 0 ? (entry.portOffset as number) : fail('"portOffset" must be a whole number');
    const partner = id !== FJC;
    const involved = entry.involvedCategory;
    if (partner && !(CATEGORIES as readonly unknown[]).includes(involved)) fail(`"involvedCategory" must be one of ${CATEGORIES.join(', ')}`);
    if (partner && typeof entry.perpetratorSide !== 'boolean') fail('"perpetratorSide" must be true or false');
    return {
      id,
      names: { nl: names!.nl as string, fr: names!.fr as string, en: names!.en as string },
      field,
      portOffset,
      involvedCategory: partner ? (involved as Category) : null,
      perpetratorSide: partner && entry.perpetratorSide === true,
    };
  });
  if (entries[0]?.id !== FJC) throw new Error(`subgraphs/agencies.json: the first entry must be "${FJC}"`);
  for (const key of ['id', 'field', 'portOffset'] as const) {
    const seen = new Set<unknown>();
    for (const entry of entries) {
      if (seen.has(entry[key])) throw new Error(`subgraphs/agencies.json: two entries have ${key} ${String(entry[key])}`);
      seen.add(entry[key]);
    }
  }
  return entries;
}

/** Every agency, in registry order: the FJC first, then the partner agencies. */
export const REGISTRY: readonly AgencyEntry[] = Object.freeze(parseRegistry(registry));

const BY_ID = new Map(REGISTRY.map((entry) => [entry.id, entry]));

/** Every agency id, the FJC first. */
export const AGENCIES: readonly AgencyId[] = REGISTRY.map((entry) => entry.id);

/** The partner agencies: every agency except the FJC itself, in registry order. */
export type PartnerAgencyId = AgencyId;
export const PARTNER_AGENCIES: readonly PartnerAgencyId[] = AGENCIES.filter((agency) => agency !== FJC);

export function isAgencyId(value: unknown): value is AgencyId {
  return typeof value === 'string' && BY_ID.has(value);
}

export function isPartnerAgencyId(value: unknown): value is PartnerAgencyId {
  return isAgencyId(value) && value !== FJC;
}

/** The registry's entry of an agency. @throws Error for an id the registry does not list. */
export function agencyEntry(agency: AgencyId): AgencyEntry {
  const entry = BY_ID.get(agency);
  if (!entry) throw new Error(`unknown agency: ${agency}`);
  return entry;
}

const byAgency = <T>(pick: (entry: AgencyEntry) => T): Readonly<Record<AgencyId, T>> =>
  Object.freeze(Object.fromEntries(REGISTRY.map((entry) => [entry.id, pick(entry)])));

/** English display names, for audit reports, schema descriptions and logs. */
export const AGENCY_NAMES = byAgency((entry) => entry.names.en);

/** Each agency's field in the supergraph (`AgencyEntry.field`): its file on `Client`, its figures, its audit list. */
export const FILE_FIELDS = byAgency((entry) => entry.field);

/** The category of each partner agency's `involved` (`AgencyEntry.involvedCategory`); a test checks the schema's labels say the same. */
export const INVOLVED_CATEGORY: Readonly<Record<PartnerAgencyId, Category>> = Object.freeze(
  Object.fromEntries(REGISTRY.filter((entry) => entry.involvedCategory !== null).map((entry) => [entry.id, entry.involvedCategory!])),
);

/** Whether an agency works with the person who used violence (rule 2: no protected CONTACT data); false for any id the registry does not list. */
export function isPerpetratorSide(agency: AgencyId): boolean {
  return BY_ID.get(agency)?.perpetratorSide === true;
}

/** Port offset from `ONEROOF_SUBGRAPH_BASE_PORT`. */
export function agencyPortOffset(agency: AgencyId): number {
  return agencyEntry(agency).portOffset;
}

/** An agency id as the suffix of an environment variable: `youth-care` -> `YOUTH_CARE`. */
export function envSuffix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}
