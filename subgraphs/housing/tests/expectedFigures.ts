import { type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  applicationsByPriority: { labels: ['NORMAL', 'PRIORITY', 'EMERGENCY'], records: rows('SELECT id AS key, priority AS label, applied_on AS day FROM applications') },
  emergencyPlacementsByKind: {
    labels: ['WOMENS_SHELTER', 'CRISIS_ACCOMMODATION', 'TRANSITIONAL_HOUSING'],
    records: rows('SELECT id AS key, kind AS label, starts_on AS day FROM shelter_placements'),
  },
};
