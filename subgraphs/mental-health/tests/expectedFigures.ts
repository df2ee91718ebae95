import { type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  referralsByService: {
    labels: ['ADULT_OUTPATIENT', 'ADDICTION_CARE', 'CRISIS_TEAM', 'TRAUMA_CARE', 'FORENSIC_OUTPATIENT'],
    records: rows('SELECT id AS key, service AS label, started_on AS day FROM care_episodes'),
  },
  engagedByService: {
    labels: ['ADULT_OUTPATIENT', 'ADDICTION_CARE', 'CRISIS_TEAM', 'TRAUMA_CARE', 'FORENSIC_OUTPATIENT'],
    records: (store) =>
      store
        .all<{ key: string; label: string; day: string; ended: string | null }>('SELECT id AS key, service AS label, started_on AS day, ended_on AS ended FROM care_episodes')
        .filter((e) => e.ended === null || Date.parse(e.ended) - Date.parse(e.day) >= 30 * 86_400_000),
  },
};
