import { ALL, type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  casesOpenedByRiskLevel: { labels: ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH', 'NOT_ASSESSED'], records: rows("SELECT id AS key, ifnull(risk_level, 'NOT_ASSESSED') AS label, opened_at AS day FROM cases") },
  casesClosedByRiskLevel: {
    labels: ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH', 'NOT_ASSESSED'],
    records: rows("SELECT id AS key, ifnull(risk_level, 'NOT_ASSESSED') AS label, closed_at AS day FROM cases WHERE closed_at IS NOT NULL"),
  },
  conferencesHeld: {
    labels: ALL,
    records: (store, now) =>
      store
        .all<{ id: string; startsAt: string; closedAt: string | null }>('SELECT id, starts_at AS startsAt, closed_at AS closedAt FROM conferences')
        .filter((c) => c.startsAt <= now && (c.closedAt === null || c.closedAt > c.startsAt))
        .map((c) => ({ key: c.id, label: 'ALL', day: c.startsAt })),
  },
  consentsRecorded: { labels: ALL, records: rows("SELECT id AS key, 'ALL' AS label, recorded_at AS day FROM consents") },
  consentsRevoked: { labels: ALL, records: rows("SELECT consent_id AS key, 'ALL' AS label, revoked_at AS day FROM consent_revocations") },
};
