import { AGENCIES } from '../../lib/agencies';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';
import { countByMonth, expectedOf, expectedSeries } from '../helpers/statisticsExpected';
import { askStatistics, seriesOf } from '../helpers/statisticsQuery';

/** Statistics for coordinators through the gateway, over HTTP, checked against the stores themselves. */
const QUARTERS = { from: '2025-01-01', to: '2026-12-31', granularity: 'QUARTER' } as const;
// Starts and ends inside a quarter: complements and totals must still follow whole quarters.
const MONTHS = { from: '2025-11-01', to: '2026-07-31', granularity: 'MONTH' } as const;

/** Every `value` anywhere in a response. */
function values(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(values);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'value' && typeof value === 'number' ? [value] : values(value)));
}

describe('statistics for coordinators', () => {
  let stack: TestStack;
  let coordinator: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 1500 });
    coordinator = await stack.token({ sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] });
  });
  afterAll(() => stack.stop());

  const ask = (period: object, purpose = 'STATISTICS', token = coordinator) => askStatistics(stack.gatewayUrl, token, period, purpose);

  it.each([QUARTERS, MONTHS])('gives a coordinator every agency\'s figures, each matching a count made from its store ($granularity)', async (period) => {
    const { status, body } = await ask(period);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const statistics = body.data!.statistics!;
    expect({ from: statistics.from, to: statistics.to, granularity: statistics.granularity }).toEqual(period);
    const now = new Date().toISOString();
    let hiddenLarge = 0;
    for (const agency of AGENCIES) {
      const { figures } = expectedOf(agency);
      for (const [name, figure] of Object.entries(figures)) {
        const counts = countByMonth(figure.records(stack.subgraphs[agency].store, now));
        const expected = figure.labels.map((label) => ({
          label, ...expectedSeries((month) => counts.get(`${label}/${month}`) ?? 0, period.from, period.to, period.granularity),
        }));
        expect({ agency, name, series: seriesOf(statistics, agency)[name] }).toEqual({ agency, name, series: expected });
        // Complementary suppression happens in real data, not only in unit tests.
        hiddenLarge += [...counts].filter(([cell, n]) => n >= 5 && expected.some((s) => cell.startsWith(`${s.label}/`) && s.periods.some((p) => p.period === cell.slice(-7) && p.count.suppressed))).length;
      }
    }
    const all = values(statistics);
    expect(all.filter((v) => v >= 1 && v <= 4)).toEqual([]);
    expect({ published: all.some((v) => v >= 5), suppressed: JSON.stringify(statistics).includes('"suppressed":true') }).toEqual({ published: true, suppressed: true });
    if (period.granularity === 'MONTH') expect(hiddenLarge).toBeGreaterThan(0);
  });

  it('gives the same figures as CSV, with suppressed counts left empty', async () => {
    const query = new URLSearchParams(MONTHS).toString();
    const response = await fetch(stack.gatewayUrl.replace(/graphql$/, `statistics.csv?${query}`), {
      headers: { authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statistics-2025-11-01-2026-07-31-month.csv"');
    const [header, ...lines] = (await response.text()).trimEnd().split('\r\n');
    expect(header).toBe('agency,series,label,period,value,suppressed');
    const statistics = (await ask(MONTHS)).body.data!.statistics!;
    const expected = AGENCIES.flatMap((agency) => {
      return Object.keys(expectedOf(agency).figures).flatMap((name) => {
        return seriesOf(statistics, agency)[name]!.flatMap((s) => [
          ...s.periods.map((p) => [agency, name, s.label, p.period, p.count.value ?? '', p.count.suppressed].join(',')),
          [agency, name, s.label, 'total', s.total.value ?? '', s.total.suppressed].join(','),
        ]);
      });
    });
    expect(lines).toEqual(expected);
    const numbers = lines.map((line) => line.split(',')[4]).filter((v) => v !== '').map(Number);
    expect(numbers.filter((v) => v >= 1 && v <= 4)).toEqual([]);
    expect(lines.filter((line) => line.endsWith(',true')).every((line) => line.endsWith(',,true'))).toBe(true);
  });

  it.each([
    ['COORDINATOR', 'CASE_MANAGEMENT'],
    ['CASE_MANAGER', 'CASE_MANAGEMENT'],
    ['AUDITOR', 'AUDIT'],
  ])('refuses figures to a %s asking with purpose %s (statistics are for STATISTICS)', async (role, purpose) => {
    const token = await stack.token({ sub: 'fjc-staff-9', agency: 'fjc', roles: [role as 'COORDINATOR'] });
    const { body } = await ask(QUARTERS, purpose, token);
    expect(body.data?.statistics ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('gives the same figures to any role asking with purpose STATISTICS', async () => {
    const token = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    expect((await ask(QUARTERS, 'STATISTICS', token)).body).toEqual((await ask(QUARTERS)).body);
  });

  it('answers FORBIDDEN to a coordinator asking for person fields, beside the figures it does get', async () => {
    const { body } = await postGraphQL(stack.gatewayUrl, /* GraphQL */ `{
      client(id: "${FIXTURE_CLIENTS.knownToAll}") { displayName dateOfBirth police { involved interventions { kind occurredAt } } }
      statistics(period: { from: "2026-01-01", to: "2026-03-31", granularity: QUARTER }) { police { barringOrdersImposed { label } } }
    }`, { token: coordinator, purpose: 'STATISTICS' });
    expect(body.data).toEqual({ client: null, statistics: { police: { barringOrdersImposed: { label: 'ALL' } } } });
    expect(new Set(body.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(body)).not.toContain(FIXTURE_CLIENTS.knownToAll);
  });

  it.each([
    ['a client', `{ client(id: "${FIXTURE_CLIENTS.victim}") { id displayName } }`],
    ['several clients', `{ clients(ids: ["${FIXTURE_CLIENTS.victim}"]) { id } }`],
    ['a search', '{ searchClients(name: "a") { id displayName } }'],
    ['cases', '{ cases(first: 5) { id reference members { role } } }'],
    ['a police file', `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { police { interventions { kind } barringOrders { status } } } }`],
  ])('answers FORBIDDEN to a coordinator asking for %s with purpose STATISTICS', async (_what, query) => {
    const { body } = await postGraphQL(stack.gatewayUrl, query, { token: coordinator, purpose: 'STATISTICS' });
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(new Set(body.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(body.data ?? null)).not.toMatch(/FJC-|CO3\//);
  });

  it('refuses a period that is not whole months or quarters', async () => {
    const { body } = await ask({ from: '2026-01-15', to: '2026-03-31', granularity: 'MONTH' });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'period.from']]);
  });
});
