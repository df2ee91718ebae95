import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

/** The decisions, as the schema's `ProsecutorDecisionKind` lists them. */
export const DECISION_KINDS = ['DISMISSAL', 'PENAL_MEDIATION', 'PROBATION_CONDITIONS', 'PROSECUTION'] as const;
/** The conditions of a barring order that can be breached, as `ProsecutorBreachKind` lists them. */
export const BREACH_KINDS = ['ENTERED_HOME', 'CONTACTED_PROTECTED_PERSON'] as const;

/** The office's figures, each one GROUP BY on an indexed date column of its store, one count per case, order or breach. */
export const PROSECUTOR_FIGURES = {
  casesRegistered: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(registered_at, 1, 7) AS month, count(*) AS n
      FROM cases WHERE registered_at >= @from AND registered_at < @until GROUP BY month`,
  },
  decisionsByKind: {
    labels: DECISION_KINDS,
    sql: `SELECT kind AS label, substr(decided_at, 1, 7) AS month, count(*) AS n
      FROM decisions WHERE decided_at >= @from AND decided_at < @until GROUP BY label, month`,
  },
  barringOrdersImposed: {
    labels: ['ALL'],
    single: true,
    sql: `SELECT 'ALL' AS label, substr(imposed_at, 1, 7) AS month, count(*) AS n
      FROM barring_orders WHERE imposed_at >= @from AND imposed_at < @until GROUP BY month`,
  },
  barringOrderBreachesByKind: {
    labels: BREACH_KINDS,
    sql: `SELECT kind AS label, substr(occurred_at, 1, 7) AS month, count(*) AS n
      FROM barring_order_breaches WHERE occurred_at >= @from AND occurred_at < @until GROUP BY label, month`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({ field: 'prosecutor', typeName: 'ProsecutorStatistics', figures: PROSECUTOR_FIGURES });
