import { AGENCIES, type AgencyId } from '../../lib/agencies';
import type { StatisticsPeriod } from '../../lib/kit/statistics/period';
import { DEFAULT_CLIENTS, DEFAULT_SEED, fullYears, households } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { calibratedQuarters, publishedCells, type PublishedCells } from '../../seed/calibration';
import { interventionsPerYear } from '../../subgraphs/police/statistics';
import { startStack, type TestStack } from '../helpers/stack';
import { askStatistics, seriesOf, type StatisticsData } from '../helpers/statisticsQuery';

/**
 * The default dataset of `npm start` against its calibration (docs/statistics.md, The synthetic
 * world): the police zone's own order of magnitude, and figures a coordinator can see. Measured in
 * the stores, and through the statistics API over HTTP as a coordinator's dashboard asks for them.
 */
const WORLD = { clients: DEFAULT_CLIENTS, seed: DEFAULT_SEED };
const world = generateWorld(WORLD);
const YEARS = fullYears(world);
const QUARTERS = calibratedQuarters(world);
const yearOf = (year: number, granularity: 'MONTH' | 'QUARTER'): StatisticsPeriod => ({ from: `${year}-01-01`, to: `${year}-12-31`, granularity });

/** Shown and suppressed cells of one agency in an API answer, counted as `publishedCells` counts them in a store. */
function cellsInAnswer(statistics: NonNullable<StatisticsData['statistics']>, agency: AgencyId): PublishedCells {
  const cells: PublishedCells = { periods: { shown: 0, suppressed: 0 }, totals: { shown: 0, suppressed: 0 } };
  for (const series of Object.values(seriesOf(statistics, agency)).flat()) {
    for (const { count } of series.periods) cells.periods[count.suppressed ? 'suppressed' : 'shown'] += 1;
    cells.totals[series.total.suppressed ? 'suppressed' : 'shown'] += 1;
  }
  return cells;
}

const shareShown = ({ periods }: PublishedCells) => periods.shown / (periods.shown + periods.suppressed);

describe('the default synthetic world', () => {
  let stack: TestStack;
  let coordinator: string;

  beforeAll(async () => {
    stack = await startStack(WORLD);
    coordinator = await stack.token({ sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] });
  });
  afterAll(() => stack.stop());

  const figuresFor = async (period: StatisticsPeriod) => {
    const { body } = await askStatistics(stack.gatewayUrl, coordinator, period);
    expect(body.errors).toBeUndefined();
    return body.data!.statistics!;
  };

  it('covers two full years after its run-in, and the quarters up to its reference day', () => {
    expect(YEARS).toEqual([2024, 2025]);
    expect(QUARTERS).toEqual({ from: '2024-01-01', to: '2026-09-30', granularity: 'QUARTER' });
  });

  it.each(YEARS)('has 800 to 1,200 police interventions in %i, as the yearly totals the API shows add up', async (year) => {
    const statistics = await figuresFor(yearOf(year, 'QUARTER'));
    const totals = seriesOf(statistics, 'police').interventionsByKind!.map((series) => series.total);
    expect(totals.every((total) => !total.suppressed)).toBe(true);
    const answered = totals.reduce((sum, total) => sum + total.value!, 0);
    expect(answered).toBe(interventionsPerYear({ data: stack.subgraphs.police.store }).get(year));
    expect(answered).toBeGreaterThanOrEqual(800);
    expect(answered).toBeLessThanOrEqual(1200);
  });

  it.each(YEARS)('shows more than half of the police figures\' monthly cells in %i', async (year) => {
    const period = yearOf(year, 'MONTH');
    const answered = cellsInAnswer(await figuresFor(period), 'police');
    expect(answered).toEqual(await publishedCells(stack.subgraphs.police.agencyStore, 'police', period));
    expect(shareShown(answered)).toBeGreaterThan(0.5);
  });

  it('shows most quarterly cells of every agency, as counted in each agency\'s own store', async () => {
    const statistics = await figuresFor(QUARTERS);
    for (const agency of AGENCIES) {
      const answered = cellsInAnswer(statistics, agency);
      expect({ agency, cells: answered }).toEqual({ agency, cells: await publishedCells(stack.subgraphs[agency].agencyStore, agency, QUARTERS) });
      expect({ agency, mostShown: shareShown(answered) > 0.5 }).toEqual({ agency, mostShown: true });
    }
  });

  it('has children in most families the police intervene with, and substances in most interventions, mostly the aggressor\'s', () => {
    const police = stack.subgraphs.police.store;
    // Each agency's person links, in OneRoof's own store for it.
    const clientOf = (agency: AgencyId) =>
      new Map(stack.subgraphs[agency].oneroof.sqlite.all<{ person: string; client: string }>('SELECT person_id AS person, fjc_client_id AS client FROM client_links').map((r) => [r.person, r.client]));
    const withChildren = new Set<string>();
    for (const members of households(world).values()) {
      if (members.some((m) => m.role === 'CHILD')) members.forEach((m) => withChildren.add(m.id));
    }
    const policeClients = clientOf('police');
    const reports = police.all<{ person: string; substances: string }>(
      "SELECT person_id AS person, substances FROM interventions WHERE role = 'VICTIM' AND occurred_at >= ? AND occurred_at < ?",
      `${YEARS[0]}-01-01`, `${YEARS[YEARS.length - 1]! + 1}-01-01`,
    );
    const share = (n: number) => n / reports.length;
    expect(share(reports.filter((r) => withChildren.has(policeClients.get(r.person)!)).length)).toBeGreaterThan(0.5);
    expect(share(reports.filter((r) => r.substances !== '').length)).toBeGreaterThan(0.5);
    // Beyond the police report, which names the aggressor's substances: addiction care is mostly theirs too.
    const mentalHealth = stack.subgraphs['mental-health'].store;
    const careClients = clientOf('mental-health');
    const roleOf = new Map(world.clients.map((c) => [c.id, c.role]));
    const roles = mentalHealth
      .all<{ person: string }>('SELECT person_id AS person FROM care_episodes WHERE addiction_care = 1')
      .map((episode) => roleOf.get(careClients.get(episode.person)!));
    expect(roles.filter((role) => role === 'PERPETRATOR').length / roles.length).toBeGreaterThan(0.5);
  });
});
