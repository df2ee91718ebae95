import { addDays, households, involvementsOf, MUNICIPALITIES, type Random, type World, type WorldInvolvement } from '../../lib/kit';
import type { YouthCareStore } from './store';

const HOME_MEASURES = ['HOME_SUPERVISION', 'HOME_SUPERVISION', 'JUVENILE_COURT_MEASURE', 'VOLUNTARY_SUPPORT', 'VOLUNTARY_SUPPORT'];
const PLACEMENT_KINDS = ['FOSTER_FAMILY', 'FOSTER_FAMILY', 'RESIDENTIAL', 'RESIDENTIAL', 'KINSHIP'];
const FREQUENCIES = ['WEEKLY', 'FORTNIGHTLY', 'FORTNIGHTLY', 'FORTNIGHTLY', 'MONTHLY', 'MONTHLY'];
const GUIDANCE_KINDS = ['PARENTING_SUPPORT', 'PARENTING_SUPPORT', 'HOME_GUIDANCE', 'HOME_GUIDANCE', 'FAMILY_CRISIS_INTERVENTION'];

interface Known {
  inv: WorldInvolvement;
  personId: string;
}

/** What siblings share: placed together, and the same contact arrangement with each parent. */
interface FamilyPlan {
  placement: { kind: string; municipality: string } | null;
  perpetratorContact: boolean;
  victimContact: boolean;
}

interface Context {
  store: YouthCareStore;
  random: Random;
  today: string;
  /** Sequence for record ids, shared by all tables. */
  next: () => string;
}

/**
 * Invents youth care's records for the clients it knows. Children: most have one protection
 * measure (some an earlier voluntary one too); about a quarter of families have their children
 * placed out of home, siblings together; in about 40% the children see the perpetrator parent
 * under supervision, and placed children often see the victim parent that way too. Parents:
 * about three in four follow a guidance programme.
 */
export function seedYouthCare(store: YouthCareStore, world: World, random: Random): void {
  const known = new Map<string, Known>(
    involvementsOf(world, 'youth-care').map((inv, i) => [inv.clientId, { inv, personId: `JZ-${String(i + 1).padStart(7, '0')}` }]),
  );
  for (const { inv, personId } of known.values()) {
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
  }
  let sequence = 0;
  const context: Context = { store, random, today: world.today, next: () => `JZ-R${String((sequence += 1)).padStart(8, '0')}` };
  for (const members of households(world).values()) {
    const inFile = members.flatMap((m) => known.get(m.id) ?? []);
    if (inFile.length === 0) continue;
    const plan: FamilyPlan = {
      placement: random.chance(0.25)
        ? { kind: random.pick(PLACEMENT_KINDS), municipality: random.pick(MUNICIPALITIES).name }
        : null,
      perpetratorContact: random.chance(0.4),
      victimContact: random.chance(0.6),
    };
    for (const person of inFile) {
      if (person.inv.capacity === 'CHILD') seedChild(context, person, plan);
      else if (random.chance(0.75)) seedGuidance(context, person);
    }
  }
}

function seedChild(context: Context, child: Known, plan: FamilyPlan): void {
  const { random, today } = context;
  if (random.chance(0.08)) return; // still being assessed: no measure decided yet
  let start = addDays(child.inv.since, random.int(0, 45));
  if (random.chance(0.12)) {
    // An earlier voluntary measure that did not suffice.
    const earlierEnd = addDays(start, -random.int(10, 60));
    addMeasure(context, child.personId, { kind: 'VOLUNTARY_SUPPORT', frame: 'VOLUNTARY', start: addDays(earlierEnd, -random.int(90, 300)), end: earlierEnd });
    start = addDays(earlierEnd, random.int(1, 20));
  }
  const kind = plan.placement ? 'OUT_OF_HOME_PLACEMENT' : random.pick(HOME_MEASURES);
  const judicial = kind === 'JUVENILE_COURT_MEASURE' || (kind === 'OUT_OF_HOME_PLACEMENT' && random.chance(0.75)) || (kind === 'HOME_SUPERVISION' && random.chance(0.3));
  // Youth court measures run for at most a year before review; voluntary support is often open-ended.
  const end = judicial ? addDays(start, random.int(180, 365)) : random.chance(0.3) ? null : addDays(start, random.int(90, 540));
  const measureId = addMeasure(context, child.personId, { kind, frame: judicial ? 'JUDICIAL' : 'VOLUNTARY', start, end });
  const ended = end !== null && end < today;
  if (plan.placement && start <= today) {
    context.store.data.run(
      'INSERT INTO placements (id, person_id, measure_id, kind, starts_on, ends_on, placement_municipality) VALUES (?, ?, ?, ?, ?, ?, ?)',
      context.next(), child.personId, measureId, plan.placement.kind, start, ended ? end : null, plan.placement.municipality,
    );
  }
  if (plan.perpetratorContact) addContact(context, child.personId, { role: 'PERPETRATOR_PARENT', start, ended, placed: plan.placement !== null });
  if (plan.placement && plan.victimContact) addContact(context, child.personId, { role: 'VICTIM_PARENT', start, ended, placed: true });
}

interface MeasureFacts {
  kind: string;
  frame: string;
  start: string;
  end: string | null;
}

function addMeasure(context: Context, personId: string, facts: MeasureFacts): string {
  const status = facts.start > context.today ? 'PLANNED' : facts.end !== null && facts.end < context.today ? 'ENDED' : 'ACTIVE';
  const id = context.next();
  context.store.data.run(
    'INSERT INTO measures (id, person_id, kind, legal_frame, starts_on, ends_on, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
    id, personId, facts.kind, facts.frame, facts.start, facts.end, status,
  );
  return id;
}

interface ContactFacts {
  role: 'VICTIM_PARENT' | 'PERPETRATOR_PARENT';
  start: string;
  ended: boolean;
  placed: boolean;
}

function addContact(context: Context, personId: string, facts: ContactFacts): void {
  const { random } = context;
  const start = addDays(facts.start, random.int(7, 60));
  if (start > context.today) return;
  const supervisedBy = facts.placed && random.chance(0.4) ? 'PLACEMENT_CARERS' : random.chance(0.75) ? 'CONTACT_CENTRE' : 'YOUTH_CARE_WORKER';
  // Contact with the parent who used violence is suspended more often, after incidents or at the child's wish.
  const suspended = random.chance(facts.role === 'PERPETRATOR_PARENT' ? 0.18 : 0.05);
  context.store.data.run(
    'INSERT INTO supervised_contacts (id, person_id, parent_role, frequency, supervised_by, starts_on, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
    context.next(), personId, facts.role, random.pick(FREQUENCIES), supervisedBy, start, facts.ended ? 'ENDED' : suspended ? 'SUSPENDED' : 'ACTIVE',
  );
}

function seedGuidance(context: Context, parent: Known): void {
  const { random, today } = context;
  const kind = random.pick(GUIDANCE_KINDS);
  const start = addDays(parent.inv.since, random.int(0, 60));
  if (start > today) return;
  // Crisis intervention lasts weeks, the other programmes months.
  const finishedBy = addDays(start, kind === 'FAMILY_CRISIS_INTERVENTION' ? 42 : random.int(150, 300));
  const dropped = random.chance(0.18);
  const status = finishedBy < today ? (dropped ? 'DROPPED_OUT' : 'COMPLETED') : dropped && random.chance(0.5) ? 'DROPPED_OUT' : 'ACTIVE';
  context.store.data.run(
    'INSERT INTO parental_guidance (id, person_id, kind, starts_on, status) VALUES (?, ?, ?, ?, ?)',
    context.next(), parent.personId, kind, start, status,
  );
}
