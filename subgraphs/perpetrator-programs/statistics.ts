import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

const PROGRAMMES = ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'];

/** Enrolments that ended in the range, counted by the day they ended (index on ended_at, status). */
const ENDED_IN_RANGE = 'FROM programme_enrolments WHERE ended_at >= @from AND ended_at < @until';

/** The programme service's figures, each one GROUP BY on an indexed date column of its store. */
export const PERPETRATOR_PROGRAM_FIGURES = {
  enrolmentsByProgramme: {
    labels: PROGRAMMES,
    sql: `SELECT programme AS label, substr(starts_at, 1, 7) AS month, count(*) AS n
      FROM programme_enrolments WHERE starts_at >= @from AND starts_at < @until GROUP BY label, month`,
  },
  completionsByProgramme: {
    labels: PROGRAMMES,
    sql: `SELECT programme AS label, substr(ended_at, 1, 7) AS month, count(*) AS n
      ${ENDED_IN_RANGE} AND status = 'COMPLETED' GROUP BY label, month`,
  },
  // Referred back is a drop-out too: the participant stopped, and the referrer was told.
  dropOutsByProgramme: {
    labels: PROGRAMMES,
    sql: `SELECT programme AS label, substr(ended_at, 1, 7) AS month, count(*) AS n
      ${ENDED_IN_RANGE} AND status IN ('DROPPED_OUT', 'REFERRED_BACK') GROUP BY label, month`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({
  field: 'perpetratorProgram', typeName: 'PerpetratorProgramStatistics', figures: PERPETRATOR_PROGRAM_FIGURES,
});
