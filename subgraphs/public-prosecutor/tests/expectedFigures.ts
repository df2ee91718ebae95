import { ALL, type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * The office's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  casesRegistered: { labels: ALL, records: rows("SELECT case_number AS key, 'ALL' AS label, registered_at AS day FROM cases") },
  decisionsByKind: {
    labels: ['DISMISSAL', 'PENAL_MEDIATION', 'PROBATION_CONDITIONS', 'PROSECUTION'],
    records: rows('SELECT id AS key, kind AS label, decided_at AS day FROM decisions'),
  },
  barringOrdersImposed: { labels: ALL, records: rows("SELECT id AS key, 'ALL' AS label, imposed_at AS day FROM barring_orders") },
  barringOrderBreachesByKind: {
    labels: ['ENTERED_HOME', 'CONTACTED_PROTECTED_PERSON'],
    records: rows('SELECT id AS key, kind AS label, occurred_at AS day FROM barring_order_breaches'),
  },
};
