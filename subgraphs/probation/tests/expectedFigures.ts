import { type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  ordersByLegalFrame: {
    labels: ['PROBATION_SUSPENDED_SENTENCE', 'AUTONOMOUS_PROBATION_SENTENCE', 'CONDITIONAL_RELEASE', 'ELECTRONIC_MONITORING', 'PRETRIAL_CONDITIONS'],
    records: rows('SELECT id AS key, legal_frame AS label, starts_at AS day FROM probation_orders'),
  },
  breachesByKind: {
    labels: ['NO_CONTACT_VIOLATED', 'PROGRAMME_ABSENCE', 'MISSED_APPOINTMENTS', 'TREATMENT_ABANDONED', 'MONITORING_VIOLATED', 'NEW_OFFENCE'],
    records: rows('SELECT id AS key, kind AS label, occurred_at AS day FROM probation_breaches'),
  },
};
