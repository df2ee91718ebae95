import { agencyStatisticsResolvers, type SqlFigure, parsePeriod, requireStatisticsPurpose, type StatisticsContext, type StatisticsPeriod } from '../../lib/kit';

const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH', 'NOT_ASSESSED'];

const byRiskLevel = (column: 'opened_at' | 'closed_at') => `SELECT coalesce(risk_level, 'NOT_ASSESSED') AS label,
    substr(${column}, 1, 7) AS month, count(*) AS n
  FROM cases WHERE ${column} >= @from AND ${column} < @until GROUP BY label, month`;

/** The FJC's own figures, each one GROUP BY on an indexed date column of its store. */
export const FJC_FIGURES = {
  casesOpenedByRiskLevel: { labels: RISK_LEVELS, sql: byRiskLevel('opened_at') },
  casesClosedByRiskLevel: { labels: RISK_LEVELS, sql: byRiskLevel('closed_at') },
  // Held: its window has begun (not merely convened for later) and it was not closed before it began.
  conferencesHeld: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(starts_at, 1, 7) AS month, count(*) AS n
      FROM conferences WHERE starts_at >= @from AND starts_at < @until AND starts_at <= @now
        AND (closed_at IS NULL OR closed_at > starts_at)
      GROUP BY month`,
  },
  consentsRecorded: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(recorded_at, 1, 7) AS month, count(*) AS n
      FROM consents WHERE recorded_at >= @from AND recorded_at < @until GROUP BY month`,
  },
  consentsRevoked: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(revoked_at, 1, 7) AS month, count(*) AS n
      FROM consent_revocations WHERE revoked_at >= @from AND revoked_at < @until GROUP BY month`,
  },
} satisfies Record<string, SqlFigure>;

const fjc = agencyStatisticsResolvers({ field: 'fjc', typeName: 'FjcStatistics', figures: FJC_FIGURES });

/** `Query.statistics`, the entry to every agency's figures, and the FJC's own. */
export const statisticsResolvers = {
  ...fjc,
  Query: {
    statistics: (_root: unknown, args: { period: unknown }, context: StatisticsContext): StatisticsPeriod => {
      requireStatisticsPurpose(context);
      return parsePeriod(args.period);
    },
  },
};
