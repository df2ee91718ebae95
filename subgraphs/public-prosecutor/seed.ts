import { addDays, involvementsOf, type Random, toListColumn, type World, type WorldBarringOrder, type WorldClient } from '../../lib/kit';
import type { ProsecutorStore } from './store';

/** Decisions, weighted as they come in domestic-violence cases: many dismissals, then probation conditions and prosecution. */
const DECISIONS = ['DISMISSAL', 'DISMISSAL', 'DISMISSAL', 'PROBATION_CONDITIONS', 'PROBATION_CONDITIONS', 'PROSECUTION', 'PROSECUTION', 'PENAL_MEDIATION'];
const NO_CONTACT = 'No contact with the victim';
const CONDITIONS: Record<string, readonly string[]> = {
  PENAL_MEDIATION: ['Attend a perpetrator programme', 'Compensate the victim'],
  PROBATION_CONDITIONS: [NO_CONTACT, 'Attend a perpetrator programme', 'Addiction treatment', 'Stay away from the family home'],
};
const BARRING_CONDITIONS = ['No entry to the family home', 'No contact with the persons living there'];
/** Share of cases in which the victim files a statement to be informed of their course. */
const STATEMENT_SHARE = 0.6;

/**
 * Invents the office's records, consistent with the police's: one case per police report of a
 * family it knows (the world's reports, the same numbers and days the police record), registered
 * a few days after the intervention and naming the victim and the suspect; a decision some weeks
 * later for most; the world's temporary barring orders (the office imposes them; the police record
 * the same ones), with their breaches; in most cases the victim's statement, with the contact
 * details the FJC has for her. Nothing after the world's reference day.
 */
export function seedProsecutor(store: ProsecutorStore, world: World, random: Random): void {
  const known = new Map(involvementsOf(world, 'public-prosecutor').map((inv, i) => [inv.clientId, { inv, personId: `PK-P${String(i + 1).padStart(7, '0')}` }]));
  for (const { inv, personId } of known.values()) {
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
  }
  let cases = 0;
  const clients = new Map(world.clients.map((client) => [client.id, client]));
  for (const household of world.households) {
    const victim = known.get(household.victim.id);
    const suspect = known.get(household.perpetrator.id);
    if (!victim || !suspect) continue;
    for (const [index, report] of household.reports.entries()) {
      const registeredAt = addDays(report.day, random.int(0, 3));
      if (registeredAt > world.today) break;
      cases += 1;
      const caseNumber = `PK-${report.day.slice(0, 4)}-${String(cases).padStart(6, '0')}`;
      const decision = planDecision(random, registeredAt, world.today);
      store.data.run(
        'INSERT INTO cases (case_number, police_report_number, registered_at, status) VALUES (?, ?, ?, ?)',
        caseNumber, report.number, registeredAt, decision ? 'DECIDED' : 'UNDER_INVESTIGATION',
      );
      for (const [personId, role] of [[victim.personId, 'VICTIM'], [suspect.personId, 'SUSPECT']] as const) {
        store.data.run('INSERT INTO case_parties (case_number, person_id, role) VALUES (?, ?, ?)', caseNumber, personId, role);
      }
      if (decision) {
        store.data.run(
          'INSERT INTO decisions (id, case_number, decided_at, kind, conditions) VALUES (?, ?, ?, ?, ?)',
          `${caseNumber}/D1`, caseNumber, decision.day, decision.kind, toListColumn(decision.conditions),
        );
      }
      // The fixture family's victim always files one in its first case.
      if (random.chance(STATEMENT_SHARE) || (household.first && index === 0)) {
        const client = clients.get(household.victim.id)!;
        const filedAt = addDays(registeredAt, random.int(0, 20));
        if (filedAt <= world.today) {
          store.data.run(
            'INSERT INTO victim_statements (id, case_number, person_id, filed_at, phone, email, notification_address) VALUES (?, ?, ?, ?, ?, ?, ?)',
            `${caseNumber}/VS`, caseNumber, victim.personId, filedAt, client.phone, client.email, addressLine(client.address),
          );
        }
      }
      if (report.barringOrder) addBarringOrder(store, random, caseNumber, report.day, report.barringOrder);
    }
  }
}

/** A synthetic address on one line, as the office writes to it. */
function addressLine({ street, postalCode, municipality }: WorldClient['address']): string {
  return `${street}, ${postalCode} ${municipality}`;
}

function planDecision(random: Random, registeredAt: string, today: string): { day: string; kind: string; conditions: string[] } | null {
  const day = addDays(registeredAt, random.int(14, 150));
  if (day > today) return null;
  const kind = random.pick(DECISIONS);
  const options = CONDITIONS[kind] ?? [];
  const conditions = options.filter((_condition, i) => i === 0 || random.chance(0.5));
  return { day, kind, conditions: kind === 'PROBATION_CONDITIONS' && !conditions.includes(NO_CONTACT) ? [NO_CONTACT, ...conditions] : conditions };
}

/** The office's record of the world's barring order (until its end, the court's extension included) and of its breach. */
function addBarringOrder(store: ProsecutorStore, random: Random, caseNumber: string, day: string, order: WorldBarringOrder): void {
  store.data.run(
    'INSERT INTO barring_orders (id, case_number, imposed_at, ends_at, conditions) VALUES (?, ?, ?, ?, ?)',
    `${caseNumber}/BO`, caseNumber, day, order.endsAt, toListColumn(BARRING_CONDITIONS),
  );
  if (order.breachedOn === null) return;
  store.data.run(
    'INSERT INTO barring_order_breaches (id, case_number, occurred_at, kind, response) VALUES (?, ?, ?, ?, ?)',
    `${caseNumber}/BR`, caseNumber, order.breachedOn, random.pick(['ENTERED_HOME', 'CONTACTED_PROTECTED_PERSON']), random.chance(0.7) ? 'PROSECUTED' : 'WARNED',
  );
}
