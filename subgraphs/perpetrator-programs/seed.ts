import { addDays, involvementsOf, type Random, type World } from '../../lib/kit';
import type { PerpetratorProgramsStore } from './store';

type Programme = 'GROUP_PROGRAMME' | 'INDIVIDUAL_TRACK' | 'TIME_OUT';

// Groups are the commonest; a short time-out is often the first step for those referred soon after an intervention.
const PROGRAMMES: Programme[] = ['GROUP_PROGRAMME', 'GROUP_PROGRAMME', 'INDIVIDUAL_TRACK', 'INDIVIDUAL_TRACK', 'TIME_OUT', 'TIME_OUT'];
/** Sessions a programme foresees, and days between sessions: weekly groups, fortnightly individual work, a twice-weekly time-out. */
const SCHEDULE: Record<Programme, { sessions: [number, number]; every: number }> = {
  GROUP_PROGRAMME: { sessions: [14, 20], every: 7 },
  INDIVIDUAL_TRACK: { sessions: [10, 16], every: 14 },
  TIME_OUT: { sessions: [8, 10], every: 3 },
};
const REFERRERS = {
  JUDICIAL: ['PROSECUTOR', 'PROSECUTOR', 'PROBATION_SERVICE', 'PROBATION_SERVICE', 'COURT'],
  VOLUNTARY: ['SELF', 'FJC', 'FJC', 'SOCIAL_SERVICE'],
};
const LEVELS = ['NONE', 'SOME', 'GOOD'];

interface Enrolment {
  id: string;
  personId: string;
  startsAt: string;
  today: string;
}

/**
 * Invents the programme service's records for its participants: a little over half take part under
 * a judicial condition. Each participant is set either to complete the programme or to stop coming
 * part-way; those whose programme has not reached that point by `world.today` are still enrolled
 * (about a quarter of enrolments). A fifth of those who drop out enrol again later. Attendance of
 * completers is good.
 */
export function seedPerpetratorPrograms(store: PerpetratorProgramsStore, world: World, random: Random): void {
  let enrolments = 0;
  involvementsOf(world, 'perpetrator-programs').forEach((inv, i) => {
    const personId = `PP-${String(i + 1).padStart(7, '0')}`;
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
    // Intake interviews and a waiting list come before the first session; for some the wait is months.
    let day = addDays(inv.since, random.chance(0.8) ? random.int(7, 45) : random.int(60, 240));
    for (let attempt = 0; attempt < 2 && day <= world.today; attempt += 1) {
      enrolments += 1;
      const id = `PP-ENR-${String(enrolments).padStart(7, '0')}`;
      const endedAt = seedEnrolment(store, random, { id, personId, startsAt: day, today: world.today });
      if (endedAt === null || !random.chance(0.2)) break;
      day = addDays(endedAt, random.int(30, 120));
    }
  });
}

/** Writes one enrolment with its sessions and assessments; returns the day it ended, or null when it goes on or was completed. */
function seedEnrolment(store: PerpetratorProgramsStore, random: Random, enrolment: Enrolment): string | null {
  const { id, personId, startsAt, today } = enrolment;
  const programme = random.pick(PROGRAMMES);
  const frame = random.chance(0.55) ? 'JUDICIAL' : 'VOLUNTARY';
  const { sessions: [min, max], every } = SCHEDULE[programme];
  const planned = random.int(min, max);
  const dates = Array.from({ length: planned }, (_, n) => addDays(startsAt, n * every));
  // A participant who drops out stops coming after `lastAttended` sessions and misses two or three more.
  const dropsOut = random.chance(0.32);
  const lastAttended = dropsOut ? random.int(1, planned - 4) : planned;
  const missedAtEnd = dropsOut ? random.int(2, 3) : 0;
  const scheduled = dates.slice(0, lastAttended + missedAtEnd);
  const lastSession = scheduled[scheduled.length - 1];
  const closedAt = dropsOut ? addDays(lastSession, random.int(1, 14)) : lastSession;
  const ended = closedAt <= today;
  const status = !ended ? 'ENROLLED' : !dropsOut ? 'COMPLETED' : frame === 'JUDICIAL' && random.chance(0.4) ? 'REFERRED_BACK' : 'DROPPED_OUT';
  const endedAt = ended ? closedAt : null;
  store.data.run(
    `INSERT INTO programme_enrolments (id, person_id, programme, frame, referred_by, starts_at, status, ended_at, planned_sessions)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, personId, programme, frame, random.pick(REFERRERS[frame]), startsAt, status, endedAt, planned,
  );
  scheduled.forEach((heldAt, n) => {
    if (heldAt > today) return;
    const attended = n < lastAttended && random.chance(dropsOut ? 0.8 : 0.93);
    store.data.run(
      'INSERT INTO programme_sessions (id, person_id, enrolment_id, held_at, attended) VALUES (?, ?, ?, ?, ?)',
      `${id}/S${n + 1}`, personId, id, heldAt, attended ? 1 : 0,
    );
  });
  const lastDay = [endedAt ?? today, lastSession].sort()[0];
  seedAssessments(store, random, { ...enrolment, dates, dropsOut, lastDay, completed: status === 'COMPLETED' });
  return status === 'COMPLETED' ? null : endedAt;
}

interface AssessmentFacts extends Enrolment {
  dates: string[];
  dropsOut: boolean;
  lastDay: string;
  completed: boolean;
}

/** Assessments early on, half-way and at completion; completers grow, drop-outs stay low. */
function seedAssessments(store: PerpetratorProgramsStore, random: Random, facts: AssessmentFacts): void {
  const { dates } = facts;
  const moments = [dates[Math.min(1, dates.length - 1)], dates[Math.floor(dates.length / 2)]];
  if (facts.completed) moments.push(facts.lastDay);
  moments.forEach((assessedAt, phase) => {
    if (assessedAt > facts.lastDay) return;
    const base = facts.dropsOut ? 0 : phase;
    store.data.run(
      `INSERT INTO progress_assessments (id, person_id, enrolment_id, assessed_at, progress, responsibility, engagement)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      `${facts.id}/P${phase + 1}`, facts.personId, facts.id, assessedAt,
      level(random, base), level(random, base), level(random, base + 1),
    );
  });
}

function level(random: Random, base: number): string {
  const shifted = base + (random.chance(0.6) ? 0 : random.chance(0.5) ? 1 : -1);
  return LEVELS[Math.max(0, Math.min(LEVELS.length - 1, shifted))];
}
