import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

const MEASURE_KINDS = ['HOME_SUPERVISION', 'OUT_OF_HOME_PLACEMENT', 'JUVENILE_COURT_MEASURE', 'VOLUNTARY_SUPPORT'];
const PARENT_ROLES = ['VICTIM_PARENT', 'PERPETRATOR_PARENT'];

/** Youth care's figures, each one GROUP BY on an indexed date column of its store. */
export const YOUTH_CARE_FIGURES = {
  measuresByKind: {
    labels: MEASURE_KINDS,
    sql: `SELECT kind AS label, substr(starts_on, 1, 7) AS month, count(*) AS n
      FROM measures WHERE starts_on >= @from AND starts_on < @until GROUP BY label, month`,
  },
  supervisedContactsByParentRole: {
    labels: PARENT_ROLES,
    sql: `SELECT parent_role AS label, substr(starts_on, 1, 7) AS month, count(*) AS n
      FROM supervised_contacts WHERE starts_on >= @from AND starts_on < @until GROUP BY label, month`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({ field: 'youthCare', typeName: 'YouthCareStatistics', figures: YOUTH_CARE_FIGURES });
