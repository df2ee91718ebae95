import { ALL, type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  interventionsByKind: {
    labels: ['PHYSICAL', 'PSYCHOLOGICAL', 'SEXUAL', 'ECONOMIC', 'STALKING'],
    records: rows('SELECT report_number AS key, kind AS label, occurred_at AS day FROM interventions'),
  },
  interventionsBySubstance: {
    labels: ['ALCOHOL', 'CANNABIS', 'COCAINE', 'OTHER_DRUGS', 'MEDICATION'],
    records: (store) =>
      store
        .all<{ key: string; substances: string; day: string }>('SELECT report_number AS key, substances, occurred_at AS day FROM interventions')
        .flatMap((r) => (r.substances === '' ? [] : r.substances.split('|')).map((label) => ({ key: r.key, label, day: r.day }))),
  },
  interventionsWithChildrenPresent: { labels: ALL, records: rows("SELECT report_number AS key, 'ALL' AS label, occurred_at AS day FROM interventions WHERE children_present = 1") },
  barringOrdersImposed: { labels: ALL, records: rows("SELECT id AS key, 'ALL' AS label, starts_at AS day FROM barring_orders WHERE role = 'SUBJECT'") },
  barringOrdersExtended: { labels: ALL, records: rows("SELECT id AS key, 'ALL' AS label, starts_at AS day FROM barring_orders WHERE role = 'SUBJECT' AND extended = 1") },
};
