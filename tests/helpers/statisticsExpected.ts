import type { AgencyId } from '../../lib/agencies';
import type { SqliteStore } from '../../lib/store/sqlite';

/**
 * The figures the statistics API must publish, worked out here independently of lib/statistics:
 * records read one by one with plain SELECTs from each agency's store, counted per month in
 * JavaScript, and the small-cell rule of docs/statistics.md applied by its own small
 * implementation.
 */

/** One record a figure counts: its identity (counted once), its label, its day or date-time. */
interface Counted {
  key: string;
  label: string;
  day: string;
}

interface ExpectedFigure {
  labels: string[];
  records: (store: SqliteStore, now: string) => Counted[];
}

const ALL = ['ALL'];
const rows = (sql: string) => (store: SqliteStore) => store.all<Counted>(sql);

/** Each agency's figures: the field on `Statistics`, and how each is counted from plain records. */
export const EXPECTED: Record<AgencyId, { field: string; figures: Record<string, ExpectedFigure> }> = {
  fjc: {
    field: 'fjc',
    figures: {
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
    },
  },
  police: {
    field: 'police',
    figures: {
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
    },
  },
  probation: {
    field: 'probation',
    figures: {
      ordersByLegalFrame: {
        labels: ['PROBATION_SUSPENDED_SENTENCE', 'AUTONOMOUS_PROBATION_SENTENCE', 'CONDITIONAL_RELEASE', 'ELECTRONIC_MONITORING', 'PRETRIAL_CONDITIONS'],
        records: rows('SELECT id AS key, legal_frame AS label, starts_at AS day FROM probation_orders'),
      },
      breachesByKind: {
        labels: ['NO_CONTACT_VIOLATED', 'PROGRAMME_ABSENCE', 'MISSED_APPOINTMENTS', 'TREATMENT_ABANDONED', 'MONITORING_VIOLATED', 'NEW_OFFENCE'],
        records: rows('SELECT id AS key, kind AS label, occurred_at AS day FROM probation_breaches'),
      },
    },
  },
  'perpetrator-programs': {
    field: 'perpetratorProgram',
    figures: {
      enrolmentsByProgramme: { labels: ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'], records: rows('SELECT id AS key, programme AS label, starts_at AS day FROM programme_enrolments') },
      completionsByProgramme: {
        labels: ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'],
        records: rows("SELECT id AS key, programme AS label, ended_at AS day FROM programme_enrolments WHERE status = 'COMPLETED'"),
      },
      dropOutsByProgramme: {
        labels: ['GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'TIME_OUT'],
        records: rows("SELECT id AS key, programme AS label, ended_at AS day FROM programme_enrolments WHERE status IN ('DROPPED_OUT', 'REFERRED_BACK')"),
      },
    },
  },
  'youth-care': {
    field: 'youthCare',
    figures: {
      measuresByKind: {
        labels: ['HOME_SUPERVISION', 'OUT_OF_HOME_PLACEMENT', 'JUVENILE_COURT_MEASURE', 'VOLUNTARY_SUPPORT'],
        records: rows('SELECT id AS key, kind AS label, starts_on AS day FROM measures'),
      },
      supervisedContactsByParentRole: { labels: ['VICTIM_PARENT', 'PERPETRATOR_PARENT'], records: rows('SELECT id AS key, parent_role AS label, starts_on AS day FROM supervised_contacts') },
    },
  },
  housing: {
    field: 'housing',
    figures: {
      applicationsByPriority: { labels: ['NORMAL', 'PRIORITY', 'EMERGENCY'], records: rows('SELECT id AS key, priority AS label, applied_on AS day FROM applications') },
      emergencyPlacementsByKind: {
        labels: ['WOMENS_SHELTER', 'CRISIS_ACCOMMODATION', 'TRANSITIONAL_HOUSING'],
        records: rows('SELECT id AS key, kind AS label, starts_on AS day FROM shelter_placements'),
      },
    },
  },
  'mental-health': {
    field: 'mentalHealth',
    figures: {
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
    },
  },
};

/** Distinct records per label and month (YYYY-MM). */
export function countByMonth(records: readonly Counted[]): Map<string, number> {
  const keys = new Map<string, Set<string>>();
  for (const record of records) {
    const cell = `${record.label}/${record.day.slice(0, 7)}`;
    keys.set(cell, (keys.get(cell) ?? new Set()).add(record.key));
  }
  return new Map([...keys].map(([cell, set]) => [cell, set.size]));
}

export interface ExpectedCell {
  value: number | null;
  suppressed: boolean;
}
const HIDDEN: ExpectedCell = { value: null, suppressed: true };
const isSmall = (n: number) => n >= 1 && n <= 4;

function monthsFrom(first: string, count: number): string[] {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 + i, 1)).toISOString().slice(0, 7));
}

/**
 * One series as the small-cell rule publishes it, written out again from docs/statistics.md:
 * months of 1..4 hidden, with them the smallest month of 5 or more of their quarter; a quarter
 * hidden when it has small months and none of 5 or more; a total hidden when any part is.
 */
export function expectedSeries(count: (month: string) => number, from: string, to: string, granularity: 'MONTH' | 'QUARTER') {
  const start = `${from.slice(0, 5)}${String(Math.floor((Number(from.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const periods: { period: string; count: ExpectedCell }[] = [];
  const parts: ExpectedCell[] = [];
  for (let q = 0; ; q += 1) {
    const months = monthsFrom(start, q * 3 + 3).slice(q * 3);
    if (months[0]! > to.slice(0, 7)) break;
    const counts = months.map(count);
    const large = counts.filter((n) => n >= 5);
    const complement = counts.some(isSmall) && large.length > 0 ? Math.min(...large) : -1;
    const monthCells = counts.map((n) => (isSmall(n) || n === complement ? HIDDEN : { value: n, suppressed: false }));
    const sum = counts.reduce((a, b) => a + b, 0);
    const quarterCell = counts.some(isSmall) && large.length === 0 ? HIDDEN : { value: sum, suppressed: false };
    const inRange = months.map((m) => m >= from.slice(0, 7) && m <= to.slice(0, 7));
    if (granularity === 'QUARTER') {
      periods.push({ period: `${months[0]!.slice(0, 4)}-Q${Math.floor((Number(months[0]!.slice(5, 7)) - 1) / 3) + 1}`, count: quarterCell });
    } else {
      months.forEach((m, i) => inRange[i] && periods.push({ period: m, count: monthCells[i]! }));
    }
    if (inRange.every(Boolean)) parts.push(quarterCell);
    else monthCells.forEach((cell, i) => inRange[i] && parts.push(cell));
  }
  const total = parts.some((p) => p.suppressed) ? HIDDEN : { value: parts.reduce((a, p) => a + (p.value ?? 0), 0), suppressed: false };
  return { periods, total };
}
