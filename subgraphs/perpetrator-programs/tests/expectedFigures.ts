import { type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  enrolmentsByProgramme: { labels: ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'], records: rows('SELECT id AS key, programme AS label, starts_at AS day FROM programme_enrolments') },
  completionsByProgramme: {
    labels: ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'],
    records: rows("SELECT id AS key, programme AS label, ended_at AS day FROM programme_enrolments WHERE status = 'COMPLETED'"),
  },
  dropOutsByProgramme: {
    labels: ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'],
    records: rows("SELECT id AS key, programme AS label, ended_at AS day FROM programme_enrolments WHERE status IN ('DROPPED_OUT', 'REFERRED_BACK')"),
  },
};
