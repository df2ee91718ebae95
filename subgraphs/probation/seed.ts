import { addDays, involvementsOf, type Random, toListColumn, type World } from '../../lib/kit';
import type { ProbationStore } from './store';

type Frame = 'PROBATION_SUSPENDED_SENTENCE' | 'AUTONOMOUS_PROBATION_SENTENCE' | 'CONDITIONAL_RELEASE' | 'ELECTRONIC_MONITORING' | 'PRETRIAL_CONDITIONS';

const FRAMES: Frame[] = [
  'PROBATION_SUSPENDED_SENTENCE', 'PROBATION_SUSPENDED_SENTENCE', 'PROBATION_SUSPENDED_SENTENCE',
  'PRETRIAL_CONDITIONS', 'PRETRIAL_CONDITIONS', 'AUTONOMOUS_PROBATION_SENTENCE', 'AUTONOMOUS_PROBATION_SENTENCE',
  'CONDITIONAL_RELEASE', 'ELECTRONIC_MONITORING',
];
const SENTENCES: Frame[] = ['PROBATION_SUSPENDED_SENTENCE', 'PROBATION_SUSPENDED_SENTENCE', 'AUTONOMOUS_PROBATION_SENTENCE'];
/** Usual length of supervision in days, by legal frame. */
const DURATION: Record<Frame, [number, number]> = {
  PROBATION_SUSPENDED_SENTENCE: [365, 1095],
  AUTONOMOUS_PROBATION_SENTENCE: [180, 730],
  CONDITIONAL_RELEASE: [730, 1095],
  ELECTRONIC_MONITORING: [60, 365],
  PRETRIAL_CONDITIONS: [90, 270],
};
/** The authority a probation officer reports to, by legal frame. */
const RECIPIENT: Record<Frame, string> = {
  PROBATION_SUSPENDED_SENTENCE: 'PROBATION_COMMISSION',
  AUTONOMOUS_PROBATION_SENTENCE: 'PROBATION_COMMISSION',
  CONDITIONAL_RELEASE: 'SENTENCE_IMPLEMENTATION_COURT',
  ELECTRONIC_MONITORING: 'SENTENCE_IMPLEMENTATION_COURT',
  PRETRIAL_CONDITIONS: 'INVESTIGATING_JUDGE',
};
const NO_CONTACT = 'No contact with the victim';
const PROGRAMME = 'Attend a perpetrator programme';
const ADDICTION = 'Addiction treatment';
const MONITORING = 'Keep to the electronic monitoring schedule';
const PERIODIC_REPORT_DAYS = 180;

interface Order {
  id: string;
  personId: string;
  frame: Frame;
  startsAt: string;
  plannedEnd: string;
  conditions: string[];
}

interface Appointment {
  scheduledAt: string;
  kind: string;
  outcome: string;
}

interface Breach {
  occurredAt: string;
  kind: string;
  reported: boolean;
}

/**
 * Invents the probation service's records for the persons it supervises: most have one order, about
 * one in seven a pre-trial order followed by a probation sentence after the judgment. No contact with the
 * victim and attending a perpetrator programme are the usual conditions. About two in five persons
 * breach a condition, once or more, which shows in missed appointments, breach reports and sometimes
 * revocation.
 */
export function seedProbation(store: ProbationStore, world: World, random: Random): void {
  let orders = 0;
  involvementsOf(world, 'probation').forEach((inv, i) => {
    const personId = `JH-${String(i + 1).padStart(7, '0')}`;
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
    const start = inv.since < world.today ? inv.since : world.today;
    const plan: Frame[] = random.chance(0.2) ? ['PRETRIAL_CONDITIONS', random.pick(SENTENCES)] : [random.pick(FRAMES)];
    const breachOn = random.chance(0.55) ? random.int(0, plan.length - 1) : -1;
    let day = start;
    for (const [index, frame] of plan.entries()) {
      if (day > world.today) break;
      orders += 1;
      const [min, max] = DURATION[frame];
      const order: Order = {
        id: `JH-ORD-${String(orders).padStart(7, '0')}`, personId, frame, startsAt: day,
        plannedEnd: addDays(day, random.int(min, max)), conditions: conditionsFor(random, frame),
      };
      const end = seedOrder(store, random, order, { breaches: index === breachOn, today: world.today });
      // The judgment that ends pre-trial conditions usually imposes probation some weeks later.
      day = addDays(end, random.int(7, 60));
    }
  });
}

function conditionsFor(random: Random, frame: Frame): string[] {
  const monitored = frame === 'ELECTRONIC_MONITORING';
  return [
    'Keep appointments with the probation officer',
    ...(monitored ? [MONITORING] : []),
    ...(random.chance(0.85) ? [NO_CONTACT] : []),
    ...(random.chance(0.45) ? ['Stay away from the family home'] : []),
    ...(random.chance(monitored ? 0.4 : 0.65) ? [PROGRAMME] : []),
    ...(random.chance(0.35) ? [ADDICTION] : []),
    ...(random.chance(0.15) ? ['Psychological counselling'] : []),
  ];
}

/** Writes one order with its appointments, breaches and reports; returns the day it ended or ends. */
function seedOrder(store: ProbationStore, random: Random, order: Order, options: { breaches: boolean; today: string }): string {
  const { today } = options;
  const lastDay = order.plannedEnd < today ? order.plannedEnd : today;
  const appointments = planAppointments(random, order, lastDay);
  const planned = options.breaches ? planBreaches(random, order, appointments, lastDay) : [];
  const reported = planned.filter((b) => b.reported);
  // A reported breach sometimes leads the authority to revoke the order some weeks later.
  const revokedAt = reported.length > 0 && random.chance(0.35) ? addDays(reported[reported.length - 1].occurredAt, random.int(14, 60)) : null;
  const revoked = revokedAt !== null && revokedAt <= lastDay;
  const endsAt = revoked ? revokedAt : order.plannedEnd;
  const status = revoked ? 'REVOKED' : endsAt < today ? 'COMPLETED' : 'ACTIVE';
  const breaches = planned.filter((b) => b.occurredAt <= endsAt);
  store.data.run(
    'INSERT INTO probation_orders (id, person_id, legal_frame, starts_at, ends_at, status, conditions) VALUES (?, ?, ?, ?, ?, ?, ?)',
    order.id, order.personId, order.frame, order.startsAt, endsAt, status, toListColumn(order.conditions),
  );
  appointments.filter((a) => a.scheduledAt <= endsAt && (a.outcome !== 'PLANNED' || status === 'ACTIVE')).forEach((a, n) => {
    store.data.run(
      'INSERT INTO probation_appointments (id, person_id, order_id, scheduled_at, kind, outcome) VALUES (?, ?, ?, ?, ?, ?)',
      `${order.id}/A${n + 1}`, order.personId, order.id, a.scheduledAt, a.kind, a.outcome,
    );
  });
  breaches.forEach((b, n) => {
    store.data.run(
      'INSERT INTO probation_breaches (id, person_id, order_id, occurred_at, kind, reported_to_prosecutor) VALUES (?, ?, ?, ?, ?, ?)',
      `${order.id}/B${n + 1}`, order.personId, order.id, b.occurredAt, b.kind, b.reported ? 1 : 0,
    );
  });
  seedReports(store, random, order, { breaches, endsAt, status, today });
  return endsAt;
}

function planAppointments(random: Random, order: Order, lastDay: string): Appointment[] {
  const network = order.conditions.includes(PROGRAMME) || order.conditions.includes(ADDICTION);
  const kinds = ['SUPERVISION_INTERVIEW', 'SUPERVISION_INTERVIEW', 'SUPERVISION_INTERVIEW', 'SUPERVISION_INTERVIEW', 'PHONE_CONTACT', 'HOME_VISIT'];
  if (network) kinds.push('NETWORK_MEETING');
  const appointments: Appointment[] = [];
  let day = addDays(order.startsAt, random.int(3, 14));
  while (day <= lastDay) {
    const kind = appointments.length === 0 ? 'INTAKE' : random.pick(kinds);
    appointments.push({ scheduledAt: day, kind, outcome: random.chance(0.93) ? 'ATTENDED' : 'MISSED' });
    day = addDays(day, random.int(21, 42));
  }
  // Supervision that is still running has its next appointment in the diary.
  if (order.plannedEnd > lastDay) appointments.push({ scheduledAt: day, kind: random.pick(kinds), outcome: 'PLANNED' });
  return appointments;
}

function planBreaches(random: Random, order: Order, appointments: Appointment[], lastDay: string): Breach[] {
  // Missed appointments are the commonest breach, and in domestic violence contact with the victim
  // and new offences against her.
  const kinds = ['MISSED_APPOINTMENTS', 'MISSED_APPOINTMENTS', 'MISSED_APPOINTMENTS', 'NEW_OFFENCE', 'NEW_OFFENCE'];
  if (order.conditions.includes(NO_CONTACT)) kinds.push('NO_CONTACT_VIOLATED', 'NO_CONTACT_VIOLATED', 'NO_CONTACT_VIOLATED');
  if (order.conditions.includes(PROGRAMME)) kinds.push('PROGRAMME_ABSENCE', 'PROGRAMME_ABSENCE', 'PROGRAMME_ABSENCE');
  if (order.conditions.includes(ADDICTION)) kinds.push('TREATMENT_ABANDONED');
  if (order.conditions.includes(MONITORING)) kinds.push('MONITORING_VIOLATED', 'MONITORING_VIOLATED');
  const held = appointments.filter((a) => a.outcome !== 'PLANNED');
  const breaches: Breach[] = [];
  const count = random.chance(0.5) ? 1 : random.chance(0.6) ? 2 : 3;
  for (let i = 0; i < count && held.length >= 2; i += 1) {
    const kind = random.pick(kinds);
    const at = random.int(1, held.length - 1);
    let occurredAt = addDays(held[at].scheduledAt, random.int(1, 20));
    if (occurredAt > lastDay) occurredAt = lastDay;
    if (kind === 'MISSED_APPOINTMENTS') {
      // The breach is the second appointment missed in a row.
      held[at - 1].outcome = 'MISSED';
      held[at].outcome = 'MISSED';
    }
    const serious = kind === 'NO_CONTACT_VIOLATED' || kind === 'NEW_OFFENCE';
    breaches.push({ occurredAt, kind, reported: random.chance(serious ? 0.9 : 0.45) });
  }
  return breaches.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1));
}

interface ReportFacts {
  breaches: Breach[];
  endsAt: string;
  status: string;
  today: string;
}

function seedReports(store: ProbationStore, random: Random, order: Order, facts: ReportFacts): void {
  const recipient = RECIPIENT[order.frame];
  const reports: [string, string, string][] = [];
  const lastDay = facts.endsAt < facts.today ? facts.endsAt : facts.today;
  const breachedBy = (day: string) => facts.breaches.some((b) => b.occurredAt <= day);
  const start = addDays(order.startsAt, random.int(20, 45));
  if (start <= lastDay) reports.push([start, 'START_REPORT', 'COMPLIANT']);
  for (let day = addDays(order.startsAt, PERIODIC_REPORT_DAYS); day < lastDay; day = addDays(day, PERIODIC_REPORT_DAYS)) {
    reports.push([day, 'PROGRESS_REPORT', breachedBy(day) ? 'PARTLY_COMPLIANT' : random.chance(0.88) ? 'COMPLIANT' : 'PARTLY_COMPLIANT']);
  }
  for (const breach of facts.breaches.filter((b) => b.reported)) {
    const day = addDays(breach.occurredAt, random.int(2, 10));
    if (day <= facts.today) reports.push([day, 'BREACH_REPORT', 'NOT_COMPLIANT']);
  }
  const final = addDays(facts.endsAt, random.int(0, 20));
  if (facts.status === 'COMPLETED' && final <= facts.today) {
    reports.push([final, 'FINAL_REPORT', breachedBy(final) ? 'PARTLY_COMPLIANT' : 'COMPLIANT']);
  }
  reports.forEach(([submittedAt, kind, compliance], n) => {
    store.data.run(
      'INSERT INTO probation_reports (id, person_id, order_id, submitted_at, kind, recipient, compliance) VALUES (?, ?, ?, ?, ?, ?, ?)',
      `${order.id}/R${n + 1}`, order.personId, order.id, submittedAt, kind, recipient, compliance,
    );
  });
}
