import { AGENCIES, type AgencyId } from '../../lib/agencies';
import { sqlBounds } from '../../lib/kit/statistics/period';
import type { SqlFigure } from '../../lib/kit/statistics/figures';
import { createSqlitePersonLinks, CLIENT_LINKS_MIGRATION } from '../../lib/kit/store/personLinks';
import { openSqliteStore, type SqliteStore } from '../../lib/kit/store/sqlite';
import { agencyModule } from '../../subgraphs/registry';
import { sqliteOf } from '../helpers/seededData';

/**
 * Item 4 of the statistics issue without a 100,000-client dataset: every figure's query reads its
 * table through an index range on the date column, never by scanning a table or a whole index, so
 * its cost follows the records in the period, not the size of the store. (Timings at scale belong
 * to benchmarks; docs/statistics.md gives measured ones.)
 */
const PERIOD = { from: '2026-01-01', to: '2026-12-31', granularity: 'MONTH' } as const;

/** Every figure an agency counts with SQL (the SQLite implementation of the store interface). */
const cases = AGENCIES.flatMap((agency) =>
  Object.entries(agencyModule(agency).figures).flatMap(([name, figure]) => ('sql' in figure ? [[agency, name, figure as SqlFigure] as const] : [])),
);

describe('the statistics queries', () => {
  const stores = new Map<AgencyId, SqliteStore>();
  const storeOf = (agency: AgencyId): SqliteStore => {
    let store = stores.get(agency);
    if (!store) {
      const links = createSqlitePersonLinks(openSqliteStore(':memory:', [CLIENT_LINKS_MIGRATION]));
      store = sqliteOf(agency, agencyModule(agency).openStore({ dataFile: ':memory:', links, env: {} }));
      stores.set(agency, store);
    }
    return store;
  };
  afterAll(() => stores.forEach((store) => store.close()));

  /** Index range searches and scans of a query's plan; the only scans allowed are of its own constant lists. */
  function planOf(store: SqliteStore, sql: string): { searches: number; scans: string[] } {
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(sqlBounds(PERIOD)) as { detail: string }[];
    const details = plan.map((step) => step.detail);
    const searches = details.filter((d) => /^SEARCH \w+ USING (COVERING )?INDEX \w+ \(\w+>\? AND \w+<\?\)$/.test(d));
    const lists = new Set(details.flatMap((d) => /^(?:CO-ROUTINE|MATERIALIZE) (\w+)$/.exec(d)?.[1] ?? []));
    const scans = details.filter((d) => d.startsWith('SCAN ') && !/^SCAN \d+ CONSTANT ROWS$/.test(d) && !lists.has(d.slice(5)));
    return { searches: searches.length, scans };
  }

  it.each(cases)('%s %s reads its table through an index range, scanning nothing', (agency, _name, figure) => {
    expect(planOf(storeOf(agency), figure.sql)).toEqual({ searches: 1, scans: [] });
  });

  it('catches a count over a date column without an index of its own', () => {
    const sql = `SELECT kind AS label, substr(checked_at, 1, 7) AS month, count(*) AS n
      FROM compliance_checks WHERE checked_at >= @from AND checked_at < @until GROUP BY label, month`;
    expect(planOf(storeOf('police'), sql)).toEqual({ searches: 0, scans: ['SCAN compliance_checks'] });
  });

  it.each(cases)('%s %s selects counts per label and month, nothing of a record', (agency, _name, figure) => {
    expect(storeOf(agency).db.prepare(figure.sql).columns().map((c) => c.name)).toEqual(['label', 'month', 'n']);
  });
});
