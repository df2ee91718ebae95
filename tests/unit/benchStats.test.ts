import { AGENCIES } from '../../lib/agencies';
import { alternate } from '../../bench/lib/compare';
import { medianOf, percentile, summarize, type LoadResult } from '../../bench/lib/stats';
import { CASELOAD_SIZES, constantInN, type CaseloadCost } from '../../bench/scenarios/batching';

/** The arithmetic `npm run bench` reports with: wrong here, every ratio in latest.md is wrong. */
describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes one run from its latencies, whatever their order', () => {
    const result = summarize([30, 10, 20, 40], 2, { errors: 1, mismatches: 2 });
    expect(result).toMatchObject({ requests: 4, rps: 2, p50: 20, p99: 40, mean: 25, errors: 1, mismatches: 2 });
  });

  it('takes the median of each metric over runs, and adds failures up', () => {
    const run = (rps: number, p99: number, errors: number) => summarize(Array.from({ length: rps }, () => p99), 1, { errors, mismatches: 0 });
    const medians = medianOf([run(10, 5, 0), run(30, 1, 1), run(20, 9, 0)]);
    expect(medians).toMatchObject({ rps: 20, p99: 5, errors: 1, durationS: 3 });
  });

  it('alternates the arms round by round', async () => {
    const order: string[] = [];
    const arm = (name: string) => ({
      name,
      run: async (): Promise<LoadResult> => {
        order.push(name);
        return summarize([order.length], 1, { errors: 0, mismatches: 0 });
      },
    });
    const compared = await alternate(3, [arm('a'), arm('b')], () => undefined);
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(compared.runs.a.map((r) => r.p50)).toEqual([1, 3, 5]);
    expect(compared.medians.b.p50).toBe(4);
  });

  it('calls batching constant only when every agency got one request and ran each statement once', () => {
    const costs = (queries: (n: number) => number): Record<number, CaseloadCost> =>
      Object.fromEntries(CASELOAD_SIZES.map((n) => [n, Object.fromEntries(AGENCIES.map((agency) => [agency, { requests: 1, queries: queries(n), statements: 4, disclosureRows: n }])) as CaseloadCost]));
    expect(constantInN(costs(() => 4))).toBe(true);
    expect(constantInN(costs((n) => (n === 200 ? 5 : 4)))).toBe(false);
    const twoRequests = costs(() => 4);
    twoRequests[50].police.requests = 2;
    expect(constantInN(twoRequests)).toBe(false);
  });
});
