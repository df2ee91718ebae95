/**
 * The seam between an agency's subgraph and its data (docs/connecting-an-agency.md, The store
 * interface). The subgraph asks for three things only, each for many persons or a whole period at
 * once, and never decides anything from them: the policy, the disclosure log and the batching
 * around them are the kit's. An agency keeps its own system and writes an adapter to it (the
 * built-in agencies use the SQLite implementation, `createSqliteAgencyStore`).
 */

/**
 * Every partner agency's link from an FJC client id to its own person record. Without a link the
 * agency answers `involved: false` and nothing else.
 */
export interface ClientLink {
  clientId: string;
  /** The agency's own id for the person; never leaves the agency. */
  personId: string;
  /** The client's capacity in the agency's work: VICTIM, SUSPECT, SUPERVISED_PERSON, CHILD, ... */
  capacity: string;
  /** ISO date the agency came to know the client. */
  since: string;
  /** Staff id of the agency's contact person. */
  contactPerson: string | null;
}

/**
 * The person links of one agency. They live in OneRoof's own store for the agency
 * (`<data>/<agency>.oneroof.sqlite`, beside its disclosure log), not in the agency's system, so an
 * agency connects its database untouched: the kit opens them and hands them to `openStore`, and
 * reads them itself (an embedded store: synchronous).
 */
export interface PersonLinks {
  /** The links of many clients at once, in the order of `clientIds`; `null` where the agency does not know the client. */
  find(clientIds: readonly string[]): (ClientLink | null)[];
  /** Records a new link; the FJC client id and the person id are each linked once. @throws when either already is. */
  insert(link: ClientLink): void;
}

/** One count of a statistics figure: records of one label in one month. Never a record itself. */
export interface MonthCount {
  label: string;
  /** YYYY-MM. */
  month: string;
  n: number;
}

/**
 * The range a figure is counted over: whole calendar quarters around the period asked for, which
 * the small-cell rule works on. Compare dates or date-times: `from` <= day < `until`.
 */
export interface FigureBounds {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** The day after the last, exclusive (YYYY-MM-DD). */
  until: string;
  /** The current instant (ISO date-time): for figures that must not count what has not happened yet. */
  now: string;
}

/**
 * What an agency's subgraph needs of its data, whatever holds it.
 * @typeParam TRows - the row type of each list field of the agency's file, by field name, as the
 *   schema's types resolve them (column names aliased to field names).
 */
export interface AgencyStore<TRows extends object = Record<string, object>> {
  /** The person links, from OneRoof's own store for the agency (as `openStore` received them). */
  readonly links: PersonLinks;
  /**
   * The rows of one field of the agency's file for many persons at once, grouped per person in the
   * order of `personIds` (an empty list for a person without rows), each group in the order the
   * field shows them. Called once per field per batch of clients, whatever the batch's size: a
   * caseload of 200 clients must cost the same number of queries (or HTTP calls) as one of 10.
   */
  rows<F extends keyof TRows & string>(field: F, personIds: readonly string[]): Promise<TRows[F][][]>;
  /**
   * The counts of one figure of the agency's statistics, per label and month over `bounds`: counts
   * only, never a record (the kit publishes them under the small-cell rule).
   * @param figure - the figure's field name in the agency's statistics type.
   */
  figure(figure: string, bounds: FigureBounds): Promise<MonthCount[]>;
  /** Releases what the store holds open (files, connections). */
  close(): void | Promise<void>;
}

/** What `AgencyModule.openStore` is given: where the agency's data is, and its person links. */
export interface StoreContext {
  /** The file OneRoof keeps the agency's own data in when OneRoof holds it (the built-in agencies): `<data>/<agency>.sqlite`. */
  dataFile: string;
  /** The agency's person links, in OneRoof's own store for it. */
  links: PersonLinks;
  /** The environment, for an adapter's own settings (its system's URL, credentials...). */
  env: NodeJS.ProcessEnv;
}
