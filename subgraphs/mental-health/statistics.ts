import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

const SERVICES = ['ADULT_OUTPATIENT', 'ADDICTION_CARE', 'CRISIS_TEAM', 'TRAUMA_CARE', 'FORENSIC_OUTPATIENT'];

/** Days in care after which a referral counts as engaged. */
export const ENGAGED_AFTER_DAYS = 30;

/** The centre's figures, each one GROUP BY on an indexed date column of its store. */
export const MENTAL_HEALTH_FIGURES = {
  // A care episode starts with the referral's intake.
  referralsByService: {
    labels: SERVICES,
    sql: `SELECT service AS label, substr(started_on, 1, 7) AS month, count(*) AS n
      FROM care_episodes WHERE started_on >= @from AND started_on < @until GROUP BY label, month`,
  },
  // Still in care, or in care for at least the engagement period: the referral took hold.
  engagedByService: {
    labels: SERVICES,
    sql: `SELECT service AS label, substr(started_on, 1, 7) AS month, count(*) AS n
      FROM care_episodes WHERE started_on >= @from AND started_on < @until
        AND (ended_on IS NULL OR ended_on >= date(started_on, '+${ENGAGED_AFTER_DAYS} days'))
      GROUP BY label, month`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({
  field: 'mentalHealth', typeName: 'MentalHealthStatistics', figures: MENTAL_HEALTH_FIGURES,
});
