import type { SqlFigure } from '../statistics/figures';
import { countSqlFigure } from '../statistics/figures';
import type { AgencyStore, FigureBounds, MonthCount, PersonLinks } from './agencyStore';
import { groupBy, idList, type SqliteStore } from './sqlite';

export interface SqliteAgencyStoreOptions<TRows extends object> {
  /** The agency's data, opened with its migrations (`openSqliteStore`). */
  data: SqliteStore;
  /** The agency's person links, as `openStore` received them. */
  links: PersonLinks;
  /**
   * Per list field of the agency's file: one query selecting `person_id` and the field's columns
   * (aliased to the schema's field names) for the JSON list of person ids bound as its only
   * parameter (`WHERE person_id ${IN_ID_LIST}`), in the order the field shows them.
   */
  rows: { [F in keyof TRows]: string };
  /** Per figure of the agency's statistics: its aggregate query (`SqlFigure.sql`). */
  figures: Record<string, Pick<SqlFigure, 'sql'>>;
}

/** The store interface over a SQLite database OneRoof keeps for the agency; its data is at hand for the seed. */
export interface SqliteAgencyStore<TRows extends object> extends AgencyStore<TRows> {
  /** The agency's SQLite data, for the seed and for checks of its own. */
  readonly data: SqliteStore;
  /** Runs `work` in one transaction of the agency's data (the seed writes in one). */
  transaction<T>(work: () => T): T;
}

/** Counts the figures of `figures` in `store`; for the FJC's own store, which is no partner's. */
export function sqliteFigures(store: SqliteStore, figures: Record<string, Pick<SqlFigure, 'sql'>>): (figure: string, bounds: FigureBounds) => Promise<MonthCount[]> {
  return async (figure, bounds) => {
    const query = figures[figure];
    if (!query) throw new Error(`no such figure: ${figure}`);
    return countSqlFigure(store, query.sql, bounds);
  };
}

/**
 * The store interface's SQLite implementation, the built-in agencies' (docs/connecting-an-agency.md):
 * one query per field per batch of persons, one aggregate query per figure.
 */
export function createSqliteAgencyStore<TRows extends object>(options: SqliteAgencyStoreOptions<TRows>): SqliteAgencyStore<TRows> {
  const { data } = options;
  return {
    data,
    links: options.links,
    rows: async <F extends keyof TRows & string>(field: F, personIds: readonly string[]) => {
      const query = options.rows[field];
      if (!query) throw new Error(`no such field: ${field}`);
      const rows = data.all<TRows[F] & { person_id: string }>(query, idList(personIds));
      return groupBy(personIds, rows, (row) => row.person_id) as TRows[F][][];
    },
    figure: sqliteFigures(data, options.figures),
    transaction: (work) => data.transaction(work),
    close: () => data.close(),
  };
}
