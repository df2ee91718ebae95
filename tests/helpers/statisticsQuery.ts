import { AGENCIES, type AgencyId } from '../../lib/agencies';
import { postGraphQL } from './graphql';
import { expectedOf } from './statisticsExpected';

/** Every figure of every agency, asked for as a coordinator's client would, and the answer's shape. */
export type Cell = { value: number | null; suppressed: boolean };
export type Series = { label: string; periods: { period: string; count: Cell }[]; total: Cell };
export type Figures = Record<string, Series | Series[]>;
export type StatisticsData = { statistics: (Record<string, Figures | null> & { from: string; to: string; granularity: string }) | null };

const ALL_FIGURES = AGENCIES.map((agency) => {
  const { field, figures } = expectedOf(agency);
  return `${field} { ${Object.keys(figures).map((name) => `${name} { ...Series }`).join(' ')} }`;
}).join('\n');

export const STATISTICS = /* GraphQL */ `
query Statistics($period: StatisticsPeriodInput!) {
  statistics(period: $period) { from to granularity ${ALL_FIGURES} }
}
fragment Series on StatSeries { label periods { period count { value suppressed } } total { value suppressed } }`;

/** Asks the gateway for every figure over `period`. */
export function askStatistics(gatewayUrl: string, token: string, period: object, purpose = 'STATISTICS') {
  return postGraphQL<StatisticsData>(gatewayUrl, STATISTICS, { token, purpose, variables: { period } });
}

/** One agency's series in an answer, figure by figure (a single series as a list of one). */
export function seriesOf(statistics: NonNullable<StatisticsData['statistics']>, agency: AgencyId): Record<string, Series[]> {
  const figures = statistics[expectedOf(agency).field];
  if (!figures) throw new Error(`no figures from ${agency}`);
  return Object.fromEntries(Object.entries(figures).map(([name, answered]) => [name, Array.isArray(answered) ? answered : [answered]]));
}
