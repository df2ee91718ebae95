import { agencyStatisticsResolvers, type SqlFigure, type SqliteAgencyStore } from '../../lib/kit';

const KINDS = ['PHYSICAL', 'PSYCHOLOGICAL', 'SEXUAL', 'ECONOMIC', 'STALKING'];
const SUBSTANCES = ['ALCOHOL', 'CANNABIS', 'COCAINE', 'OTHER_DRUGS', 'MEDICATION'];

// The store keeps one intervention row per person involved (victim, suspect) under the same
// report number: an intervention is counted once, by its report.
const INTERVENTIONS_IN_RANGE = 'FROM interventions WHERE occurred_at >= @from AND occurred_at < @until';

/**
 * The police zone's figures for the reports it owes the authorities (incidence by month or
 * quarter), each one GROUP BY on an indexed date column of the police store.
 */
export const POLICE_FIGURES = {
  interventionsByKind: {
    labels: KINDS,
    sql: `SELECT kind AS label, substr(occurred_at, 1, 7) AS month, count(DISTINCT report_number) AS n
      ${INTERVENTIONS_IN_RANGE} GROUP BY label, month`,
  },
  interventionsBySubstance: {
    labels: SUBSTANCES,
    // Substances are one `|`-separated column: a report counts once for each substance it names.
    sql: `WITH substance(label) AS (VALUES ${SUBSTANCES.map((s) => `('${s}')`).join(', ')})
      SELECT substance.label AS label, substr(i.occurred_at, 1, 7) AS month, count(DISTINCT i.report_number) AS n
      FROM interventions i CROSS JOIN substance ON instr('|' || i.substances || '|', '|' || substance.label || '|') > 0
      WHERE i.occurred_at >= @from AND i.occurred_at < @until GROUP BY label, month`,
  },
  interventionsWithChildrenPresent: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(occurred_at, 1, 7) AS month, count(DISTINCT report_number) AS n
      ${INTERVENTIONS_IN_RANGE} AND children_present = 1 GROUP BY month`,
  },
  // One row per person bound by an order: its SUBJECT row is the order itself.
  barringOrdersImposed: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(starts_at, 1, 7) AS month, count(*) AS n
      FROM barring_orders WHERE starts_at >= @from AND starts_at < @until AND role = 'SUBJECT' GROUP BY month`,
  },
  barringOrdersExtended: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(starts_at, 1, 7) AS month, count(*) AS n
      FROM barring_orders WHERE starts_at >= @from AND starts_at < @until AND role = 'SUBJECT' AND extended = 1 GROUP BY month`,
  },
} satisfies Record<string, SqlFigure>;

/** Domestic-violence interventions (official reports, however many persons each names) per calendar year: the calibration's yardstick. */
export function interventionsPerYear(store: Pick<SqliteAgencyStore<object>, 'data'>): Map<number, number> {
  const rows = store.data.all<{ year: string; n: number }>(
    'SELECT substr(occurred_at, 1, 4) AS year, count(DISTINCT report_number) AS n FROM interventions GROUP BY year',
  );
  return new Map(rows.map((row) => [Number(row.year), row.n]));
}

export const statisticsResolvers = agencyStatisticsResolvers({ field: 'police', typeName: 'PoliceStatistics', figures: POLICE_FIGURES });
