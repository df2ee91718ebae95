import { addDays, households, involvementsOf, MUNICIPALITIES, type Random, type World, type WorldClient } from '../../lib/kit';
import type { HousingStore } from './store';

const SHELTER_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
// Days from application to a first offer: the waiting list is long unless priority is given.
const WAIT_DAYS: Record<string, [number, number]> = { EMERGENCY: [14, 90], PRIORITY: [60, 420], NORMAL: [300, 1500] };

interface Context {
  store: HousingStore;
  random: Random;
  today: string;
  next: () => string;
}

interface Applicant {
  client: WorldClient;
  personId: string;
  since: string;
  children: number;
}

/**
 * Invents the housing service's records for the clients it knows. About 40% of victims stay in a
 * shelter first (women's shelter or crisis accommodation, sometimes followed by transitional
 * housing), with their children. Most applicants have one social housing application, some an
 * earlier withdrawn one; about 40% get priority or emergency allocation, mostly those who had to
 * flee. Status and offers follow from the waiting time that priority implies.
 */
export function seedHousing(store: HousingStore, world: World, random: Random): void {
  const known = new Map<string, { personId: string; since: string }>();
  involvementsOf(world, 'housing').forEach((inv, i) => {
    const personId = `WO-${String(i + 1).padStart(7, '0')}`;
    known.set(inv.clientId, { personId, since: inv.since });
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
  });
  let sequence = 0;
  const context: Context = { store, random, today: world.today, next: () => `WO-R${String((sequence += 1)).padStart(8, '0')}` };
  for (const members of households(world).values()) {
    const children = members.filter((m) => m.role === 'CHILD').length;
    for (const client of members) {
      const link = known.get(client.id);
      if (!link) continue;
      // Children live with the victim; the perpetrator applies for a dwelling of their own.
      seedApplicant(context, { client, ...link, children: client.role === 'VICTIM' ? children : 0 });
    }
  }
}

function seedApplicant(context: Context, applicant: Applicant): void {
  const { random, today } = context;
  const sheltered = applicant.client.role === 'VICTIM' && random.chance(0.4);
  const shelterStart = sheltered ? notAfter(addDays(applicant.since, random.int(-10, 20)), today) : null;
  if (shelterStart) addShelterStays(context, applicant, shelterStart);
  const urgent = random.chance(sheltered ? 0.75 : 0.2);
  const priority = urgent ? (random.chance(sheltered ? 0.4 : 0.2) ? 'EMERGENCY' : 'PRIORITY') : 'NORMAL';
  const appliedOn = notAfter(addDays(shelterStart ?? applicant.since, random.int(3, 30)), today);
  if (random.chance(0.12)) {
    addApplication(context, applicant, { appliedOn: addDays(appliedOn, -random.int(200, 600)), status: 'WITHDRAWN', priority: 'NORMAL' });
  }
  const [minWait, maxWait] = WAIT_DAYS[priority];
  const offeredOn = addDays(appliedOn, random.int(minWait, maxWait));
  if (addDays(appliedOn, 21) > today) {
    addApplication(context, applicant, { appliedOn, status: 'SUBMITTED', priority });
  } else if (offeredOn > today) {
    addApplication(context, applicant, { appliedOn, status: random.chance(0.05) ? 'WITHDRAWN' : 'ON_WAITING_LIST', priority });
  } else if (addDays(offeredOn, 21) > today) {
    const id = addApplication(context, applicant, { appliedOn, status: 'OFFERED', priority });
    addOffer(context, applicant.personId, id, offeredOn, 'PENDING');
  } else {
    const accepted = random.chance(0.8);
    const id = addApplication(context, applicant, { appliedOn, status: accepted ? 'HOUSED' : 'ON_WAITING_LIST', priority });
    addOffer(context, applicant.personId, id, offeredOn, accepted ? 'ACCEPTED' : 'REFUSED');
  }
}

function addShelterStays(context: Context, applicant: Applicant, start: string): void {
  const { random, today } = context;
  const fled = applicant.client.gender === 'FEMALE' && random.chance(0.65);
  const kind = fled ? 'WOMENS_SHELTER' : 'CRISIS_ACCOMMODATION';
  // A women's shelter is a stay of months; crisis accommodation of days or weeks.
  const end = addDays(start, fled ? random.int(30, 270) : random.int(3, 30));
  addShelterStay(context, applicant, { kind, start, end: end < today ? end : null });
  if (end < today && random.chance(0.15)) {
    const next = addDays(end, 1);
    const nextEnd = addDays(next, random.int(120, 540));
    addShelterStay(context, applicant, { kind: 'TRANSITIONAL_HOUSING', start: next, end: nextEnd < today ? nextEnd : null });
  }
}

interface Stay {
  kind: string;
  start: string;
  end: string | null;
}

function addShelterStay(context: Context, applicant: Applicant, stay: Stay): void {
  const { random } = context;
  const children = applicant.children > 0 && random.chance(0.85) ? applicant.children : 0;
  const location = `Shelter ${random.pick(SHELTER_LETTERS)}, ${random.pick(MUNICIPALITIES).name}`;
  context.store.data.run(
    'INSERT INTO shelter_placements (id, person_id, kind, starts_on, ends_on, children_accompanying, shelter_location) VALUES (?, ?, ?, ?, ?, ?, ?)',
    context.next(), applicant.personId, stay.kind, stay.start, stay.end, children, location,
  );
}

interface ApplicationFacts {
  appliedOn: string;
  status: string;
  priority: string;
}

function addApplication(context: Context, applicant: Applicant, facts: ApplicationFacts): string {
  const id = context.next();
  context.store.data.run(
    'INSERT INTO applications (id, person_id, applied_on, status, priority, household_size) VALUES (?, ?, ?, ?, ?, ?)',
    id, applicant.personId, facts.appliedOn, facts.status, facts.priority, 1 + applicant.children,
  );
  return id;
}

function addOffer(context: Context, personId: string, applicationId: string, offeredOn: string, outcome: string): void {
  context.store.data.run(
    'INSERT INTO offers (id, person_id, application_id, offered_on, outcome, dwelling_municipality) VALUES (?, ?, ?, ?, ?, ?)',
    context.next(), personId, applicationId, offeredOn, outcome, context.random.pick(MUNICIPALITIES).name,
  );
}

function notAfter(day: string, limit: string): string {
  return day < limit ? day : limit;
}
