import { type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  measuresByKind: {
    labels: ['HOME_SUPERVISION', 'OUT_OF_HOME_PLACEMENT', 'JUVENILE_COURT_MEASURE', 'VOLUNTARY_SUPPORT'],
    records: rows('SELECT id AS key, kind AS label, starts_on AS day FROM measures'),
  },
  supervisedContactsByParentRole: { labels: ['VICTIM_PARENT', 'PERPETRATOR_PARENT'], records: rows('SELECT id AS key, parent_role AS label, starts_on AS day FROM supervised_contacts') },
};
