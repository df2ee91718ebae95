import { addDays, type CaseRole, households, involvementsOf, type Random, toListColumn, type World, type WorldInvolvement } from '../../lib/kit';
import type { MentalHealthStore } from './store';

const SUBSTANCES = ['ALCOHOL', 'ALCOHOL', 'ALCOHOL', 'ALCOHOL', 'CANNABIS', 'CANNABIS', 'COCAINE', 'OPIOIDS', 'SEDATIVES', 'OTHER_DRUGS'];
const SUBSTANCE_CODES: Record<string, string> = { ALCOHOL: 'F10', CANNABIS: 'F12', COCAINE: 'F14' };
// Victims most often come with trauma and depression; persons who used violence with other pictures.
const VICTIM_CODES = ['F43.1', 'F43.1', 'F43.1', 'F32', 'F32', 'F33', 'F41.1', 'F43.0', 'F43.2', 'F43.2'];
const PERPETRATOR_CODES = ['F32', 'F33', 'F41.1', 'F43.2', 'F43.2', 'F60', 'F60'];
const VICTIM_SERVICES = ['ADULT_OUTPATIENT', 'ADULT_OUTPATIENT', 'ADULT_OUTPATIENT', 'TRAUMA_CARE', 'TRAUMA_CARE', 'CRISIS_TEAM'];
// Substance use is mostly on the aggressor side; children in care here are not treated for addiction.
const ADDICTION_SHARE: Record<CaseRole, number> = { PERPETRATOR: 0.48, VICTIM: 0.22, OTHER: 0.22, CHILD: 0 };
const PERPETRATOR_SERVICES = ['ADULT_OUTPATIENT', 'ADULT_OUTPATIENT', 'ADULT_OUTPATIENT', 'FORENSIC_OUTPATIENT', 'FORENSIC_OUTPATIENT', 'CRISIS_TEAM'];

interface Context {
  store: MentalHealthStore;
  random: Random;
  today: string;
  coordinators: string[];
  next: () => string;
}

interface Episode {
  service: string;
  start: string;
  end: string | null;
  coordinator: string;
  substances: string[];
  diagnosis: string | null;
}

/**
 * Invents the centre's records for the clients it knows. About 70% are in care at present, the
 * others had an episode that ended; some had an earlier episode too. Addiction care is mostly on
 * the aggressor side: about one in two persons who used violence, one in five victims, no children.
 * About 30% have a crisis plan, most of those followed by the crisis team. Diagnoses are ICD-10
 * chapter F codes, missing for some episodes where none was established yet.
 */
export function seedMentalHealth(store: MentalHealthStore, world: World, random: Random): void {
  const known = new Map<string, { inv: WorldInvolvement; personId: string }>();
  involvementsOf(world, 'mental-health').forEach((inv, i) => {
    const personId = `GG-${String(i + 1).padStart(7, '0')}`;
    known.set(inv.clientId, { inv, personId });
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
  });
  let sequence = 0;
  const context: Context = {
    store,
    random,
    today: world.today,
    coordinators: world.staff.filter((s) => s.agency === 'mental-health').map((s) => s.sub),
    next: () => `GG-R${String((sequence += 1)).padStart(8, '0')}`,
  };
  for (const members of households(world).values()) {
    for (const client of members) {
      const link = known.get(client.id);
      if (link) seedClient(context, link.inv, link.personId, client.role);
    }
  }
}

function seedClient(context: Context, inv: WorldInvolvement, personId: string, role: CaseRole): void {
  const { random, today } = context;
  const perpetrator = role === 'PERPETRATOR';
  const coordinator = random.chance(0.7) ? inv.contactPerson : random.pick(context.coordinators);
  if (random.chance(0.2)) {
    const start = addDays(inv.since, -random.int(400, 900));
    addEpisode(context, personId, {
      service: random.pick(perpetrator ? PERPETRATOR_SERVICES : VICTIM_SERVICES), start, end: addDays(start, random.int(60, 300)),
      coordinator: random.pick(context.coordinators), substances: [], diagnosis: random.pick(perpetrator ? PERPETRATOR_CODES : VICTIM_CODES),
    });
  }
  const start = notAfter(addDays(inv.since, random.int(0, 30)), today);
  const inCare = random.chance(0.7);
  const end = inCare ? null : endBeforeToday(random, start, today);
  const addiction = random.chance(ADDICTION_SHARE[role]);
  const substances = addiction ? [...new Set([random.pick(SUBSTANCES), ...(random.chance(0.3) ? [random.pick(SUBSTANCES)] : [])])] : [];
  const service = addiction && random.chance(0.8) ? 'ADDICTION_CARE' : random.pick(perpetrator ? PERPETRATOR_SERVICES : VICTIM_SERVICES);
  // The crisis team often acts before a diagnosis is established.
  const undiagnosed = random.chance(service === 'CRISIS_TEAM' ? 0.5 : 0.08);
  const diagnosis = undiagnosed ? null : addiction ? substanceCode(substances) : random.pick(perpetrator ? PERPETRATOR_CODES : VICTIM_CODES);
  addEpisode(context, personId, { service, start, end, coordinator, substances, diagnosis });
  if (random.chance(service === 'CRISIS_TEAM' ? 0.8 : 0.25)) {
    const drawnUpOn = notAfter(addDays(start, random.int(3, 60)), today);
    context.store.data.run(
      'INSERT INTO crisis_plans (id, person_id, drawn_up_on, last_reviewed_on) VALUES (?, ?, ?, ?)',
      context.next(), personId, drawnUpOn, notAfter(addDays(drawnUpOn, random.int(0, 240)), today),
    );
  }
}

function addEpisode(context: Context, personId: string, episode: Episode): void {
  const { random } = context;
  const nextAppointment = episode.end === null && random.chance(0.9) ? addDays(context.today, random.int(1, 42)) : null;
  context.store.data.run(
    `INSERT INTO care_episodes (id, person_id, service, started_on, ended_on, care_coordinator, addiction_care, substance_focus,
      next_appointment_on, diagnosis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    context.next(), personId, episode.service, episode.start, episode.end, episode.coordinator, episode.substances.length > 0 ? 1 : 0,
    toListColumn(episode.substances), nextAppointment, episode.diagnosis,
  );
}

/** Several substances, or one without a code of its own, are coded as multiple drug use. */
function substanceCode(substances: string[]): string {
  return substances.length === 1 ? (SUBSTANCE_CODES[substances[0]] ?? 'F19') : 'F19';
}

/** An end date after `start` and before `today` when there is room; `start` itself otherwise. */
function endBeforeToday(random: Random, start: string, today: string): string {
  const end = addDays(start, random.int(30, 400));
  if (end < today) return end;
  const recent = addDays(today, -random.int(1, 20));
  return recent > start ? recent : start;
}

function notAfter(day: string, limit: string): string {
  return day < limit ? day : limit;
}
