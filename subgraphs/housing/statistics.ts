import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

const PRIORITIES = ['NORMAL', 'PRIORITY', 'EMERGENCY'];
const SHELTER_KINDS = ['WOMENS_SHELTER', 'CRISIS_ACCOMMODATION', 'TRANSITIONAL_HOUSING'];

/** The housing service's figures, each one GROUP BY on an indexed date column of its store. */
export const HOUSING_FIGURES = {
  applicationsByPriority: {
    labels: PRIORITIES,
    sql: `SELECT priority AS label, substr(applied_on, 1, 7) AS month, count(*) AS n
      FROM applications WHERE applied_on >= @from AND applied_on < @until GROUP BY label, month`,
  },
  emergencyPlacementsByKind: {
    labels: SHELTER_KINDS,
    sql: `SELECT kind AS label, substr(starts_on, 1, 7) AS month, count(*) AS n
      FROM shelter_placements WHERE starts_on >= @from AND starts_on < @until GROUP BY label, month`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({ field: 'housing', typeName: 'HousingStatistics', figures: HOUSING_FIGURES });
