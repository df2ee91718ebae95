import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

const LEGAL_FRAMES = [
  'PROBATION_SUSPENDED_SENTENCE', 'AUTONOMOUS_PROBATION_SENTENCE', 'CONDITIONAL_RELEASE', 'ELECTRONIC_MONITORING', 'PRETRIAL_CONDITIONS',
];
const BREACH_KINDS = ['NO_CONTACT_VIOLATED', 'PROGRAMME_ABSENCE', 'MISSED_APPOINTMENTS', 'TREATMENT_ABANDONED', 'MONITORING_VIOLATED', 'NEW_OFFENCE'];

/** The probation service's figures, each one GROUP BY on an indexed date column of its store. */
export const PROBATION_FIGURES = {
  ordersByLegalFrame: {
    labels: LEGAL_FRAMES,
    sql: `SELECT legal_frame AS label, substr(starts_at, 1, 7) AS month, count(*) AS n
      FROM probation_orders WHERE starts_at >= @from AND starts_at < @until GROUP BY label, month`,
  },
  breachesByKind: {
    labels: BREACH_KINDS,
    sql: `SELECT kind AS label, substr(occurred_at, 1, 7) AS month, count(*) AS n
      FROM probation_breaches WHERE occurred_at >= @from AND occurred_at < @until GROUP BY label, month`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({ field: 'probation', typeName: 'ProbationStatistics', figures: PROBATION_FIGURES });
