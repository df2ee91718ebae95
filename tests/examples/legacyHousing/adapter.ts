import type { AgencyStore, FigureBounds, MonthCount, PersonLinks } from '../../../lib/kit';
import type { HousingRows } from '../../../subgraphs/housing/store';

/**
 * The worked example of docs/connecting-an-agency.md: the housing service's store, rewritten as
 * an adapter to its existing case system over HTTP (tests/examples/legacyHousing/legacyCaseSystem.ts)
 * instead of OneRoof's SQLite file. The subgraph, the policy and the disclosure log are unchanged:
 * only `openStore` differs. Batched like the SQLite store: one API call per field per batch of
 * persons, however many, and one per figure.
 */
export interface HousingHttpStoreOptions {
  /** The case system's API, e.g. `https://woonzorg.example/api` (here the stand-in's). */
  baseUrl: string;
  /** The person links, from OneRoof's own store for the agency (`StoreContext.links`). */
  links: PersonLinks;
}

/** The case system's names for what the schema calls applications, offers and shelter placements. */
const DOSSIERS: Record<keyof HousingRows, string> = { applications: 'applications', offers: 'offers', shelterPlacements: 'shelter' };
/** The case system's reports for the agency's figures. */
const REPORTS: Record<string, string> = { applicationsByPriority: 'applications-by-urgency', emergencyPlacementsByKind: 'shelter-stays-by-type' };

type LegacyItem = Record<string, string | number | null> & { clientRef: string };

/** One legacy record as the schema's row, and the date the field orders its rows by (newest first). */
const TO_ROW: { [F in keyof HousingRows]: (item: LegacyItem) => { row: HousingRows[F]; date: string } } = {
  applications: (i) => ({
    row: { person_id: i.clientRef, appliedOn: String(i.dateApplied), status: String(i.state), priority: String(i.urgency), householdSize: Number(i.persons) },
    date: String(i.dateApplied),
  }),
  offers: (i) => ({
    row: { person_id: i.clientRef, offeredOn: String(i.dateOffered), outcome: String(i.result), dwellingMunicipality: i.town === null ? null : String(i.town) },
    date: String(i.dateOffered),
  }),
  shelterPlacements: (i) => ({
    row: {
      person_id: i.clientRef, kind: String(i.type), startsOn: String(i.from), endsOn: i.until === null ? null : String(i.until),
      childrenAccompanying: Number(i.kids), shelterLocation: i.location === null ? null : String(i.location),
    },
    date: String(i.from),
  }),
};

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  // Fail, never answer as if there were nothing: the kit withholds the field and the gateway says the agency failed.
  if (!response.ok) throw new Error(`case system answered ${response.status}`);
  return (await response.json()) as T;
}

export function createHousingHttpStore(options: HousingHttpStoreOptions): AgencyStore<HousingRows> {
  return {
    links: options.links,
    rows: async <F extends keyof HousingRows & string>(field: F, personIds: readonly string[]) => {
      const { items } = await call<{ items: LegacyItem[] }>(`${options.baseUrl}/api/v2/dossiers/${DOSSIERS[field]}/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientRefs: personIds }),
      });
      const byPerson = new Map<string, { row: HousingRows[F]; date: string }[]>(personIds.map((id) => [id, []]));
      for (const item of items) byPerson.get(item.clientRef)?.push(TO_ROW[field](item) as { row: HousingRows[F]; date: string });
      return personIds.map((id) => byPerson.get(id)!.sort((a, b) => b.date.localeCompare(a.date)).map((entry) => entry.row));
    },
    figure: async (figure: string, bounds: FigureBounds): Promise<MonthCount[]> => {
      const report = REPORTS[figure];
      if (!report) throw new Error(`no such figure: ${figure}`);
      const query = new URLSearchParams({ start: bounds.from, end: bounds.until });
      const { buckets } = await call<{ buckets: { category: string; month: string; total: number }[] }>(`${options.baseUrl}/api/v2/counts/${report}?${query}`);
      return buckets.map((bucket) => ({ label: bucket.category, month: bucket.month, n: bucket.total }));
    },
    close: () => undefined,
  };
}
