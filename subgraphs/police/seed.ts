import { addDays, addDaysTime, involvementsOf, type Random, toListColumn, type World, type WorldBarringOrder } from '../../lib/kit';
import type { PoliceStore } from './store';

const KINDS = ['PHYSICAL', 'PHYSICAL', 'PHYSICAL', 'PSYCHOLOGICAL', 'PSYCHOLOGICAL', 'SEXUAL', 'ECONOMIC', 'STALKING'];
const SUBSTANCES = ['ALCOHOL', 'ALCOHOL', 'ALCOHOL', 'CANNABIS', 'COCAINE', 'OTHER_DRUGS', 'MEDICATION'];
const LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'];

/**
 * Invents the police zone's records for the clients it knows: one intervention per incident the
 * world's families reported (shared by victim and suspect under one official report), barring
 * orders after about a third of them, risk assessments, follow-up of victims and compliance
 * checks of suspects. Substances are involved on the aggressor side in most interventions, and
 * children are often present.
 */
export function seedPolice(store: PoliceStore, world: World, random: Random): void {
  const known = new Map(involvementsOf(world, 'police').map((inv, i) => [inv.clientId, { inv, personId: `PZ-P${String(i + 1).padStart(7, '0')}` }]));
  for (const { inv, personId } of known.values()) {
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
  }
  let report = 0;
  for (const household of world.households) {
    const v = known.get(household.victim.id);
    const s = known.get(household.perpetrator.id);
    if (!v || !s) continue;
    const hasChildren = household.children.length > 0;
    for (const { number: reportNumber, day, barringOrder } of household.reports) {
      report += 1;
      const occurredAt = addDaysTime(day, random.next());
      const kind = random.pick(KINDS);
      const substances = random.chance(0.7) ? [...new Set([random.pick(SUBSTANCES), ...(random.chance(0.2) ? [random.pick(SUBSTANCES)] : [])])] : [];
      const childrenPresent = hasChildren && random.chance(0.55) ? 1 : 0;
      for (const [person, role] of [[v.personId, 'VICTIM'], [s.personId, 'SUSPECT']] as const) {
        store.data.run(
          'INSERT INTO interventions (id, report_number, person_id, role, occurred_at, kind, substances, children_present) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          `${reportNumber}/${role}`, reportNumber, person, role, occurredAt, kind, toListColumn(substances), childrenPresent,
        );
      }
      addRiskAssessment(store, random, v.personId, report, day);
      // The world's barring order, the one the public prosecutor records too.
      if (barringOrder) addBarringOrder(store, random, { victim: v.personId, suspect: s.personId, report, day, today: world.today, order: barringOrder });
      if (random.chance(0.8)) {
        store.data.run(
          'INSERT INTO victim_follow_ups (id, person_id, contacted_at, channel, outcome) VALUES (?, ?, ?, ?, ?)',
          `FU-${report}`, v.personId, addDays(day, random.int(1, 10)), random.pick(['PHONE', 'PHONE', 'HOME_VISIT', 'OFFICE']),
          random.pick(['REACHED', 'REACHED', 'NOT_REACHED', 'REFERRED_TO_FJC']),
        );
      }
    }
  }
}

function addRiskAssessment(store: PoliceStore, random: Random, personId: string, report: number, day: string): void {
  const score = random.int(2, 20);
  store.data.run(
    'INSERT INTO risk_assessments (id, person_id, assessed_at, instrument, score, level) VALUES (?, ?, ?, ?, ?, ?)',
    `RA-${report}`, personId, day, 'Police DV risk checklist', score, LEVELS[Math.min(3, Math.floor(score / 5))],
  );
}

interface BarringOrderFacts {
  victim: string;
  suspect: string;
  report: number;
  day: string;
  today: string;
  order: WorldBarringOrder;
}

/** The police's record of the world's barring order: served on both, and checked until it ends. */
function addBarringOrder(store: PoliceStore, random: Random, facts: BarringOrderFacts): void {
  const { endsAt, extended, breachedOn, lifted } = facts.order;
  const breached = breachedOn !== null;
  const status = breached ? 'BREACHED' : endsAt >= facts.today ? 'ACTIVE' : lifted ? 'LIFTED' : 'EXPIRED';
  const conditions = toListColumn(['No entry to the family home', 'No contact with the persons living there']);
  for (const [person, role] of [[facts.suspect, 'SUBJECT'], [facts.victim, 'PROTECTED_PERSON']] as const) {
    store.data.run(
      'INSERT INTO barring_orders (id, person_id, role, starts_at, ends_at, extended, status, conditions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      `BO-${facts.report}-${role}`, person, role, facts.day, endsAt, extended ? 1 : 0, status, conditions,
    );
  }
  // Checks while it runs; a breach is found by the last one, on its day.
  const checks = random.int(1, 3);
  for (let i = 0; i < checks; i += 1) {
    const found = breached && i === checks - 1;
    store.data.run(
      'INSERT INTO compliance_checks (id, person_id, checked_at, kind, compliant) VALUES (?, ?, ?, ?, ?)',
      `CC-${facts.report}-${i}`, facts.suspect, found ? breachedOn : addDays(facts.day, random.int(1, 13)), random.pick(['HOME_VISIT', 'PHONE_CHECK', 'PATROL']),
      found ? 0 : 1,
    );
  }
}
