import { AGENCIES, FJC, type AgencyId } from '../agencies';
import type { Category } from '../viewer';
import { address, firstName, lastName, phone, type SyntheticAddress } from './names';
import { addDays, createRandom, minDate, type Random } from './random';

/**
 * The synthetic world every store is seeded from: who the clients are, how they form families and
 * FJC cases, which incidents were reported to the police, and which agency knows whom. Which
 * agency knows whom is each agency's own rule (`WorldAgency.involve`, in its folder); each agency
 * then invents its own records for the clients it knows (its `seed.ts`), from its own random stream.
 */
export type CaseRole = 'VICTIM' | 'PERPETRATOR' | 'CHILD' | 'OTHER';
export type Gender = 'FEMALE' | 'MALE' | 'X';
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';

export interface WorldClient {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: Gender;
  language: string;
  interpreterNeeded: boolean;
  phone: string | null;
  email: string | null;
  address: SyntheticAddress;
  addressProtected: boolean;
  registeredAt: string;
  /** Role in the client's case; OTHER for walk-ins without a case. */
  role: CaseRole;
  caseId: string | null;
  /** The household a family member belongs to (victim, perpetrator, children); null for walk-ins. */
  household: number | null;
}

export interface WorldCase {
  id: string;
  reference: string;
  status: 'OPEN' | 'CLOSED';
  openedAt: string;
  closedAt: string | null;
  riskLevel: RiskLevel;
  caseManager: string;
  members: { clientId: string; role: CaseRole }[];
}

/** One agency's own link from an FJC client id to its local person record. */
export interface WorldInvolvement {
  agency: AgencyId;
  clientId: string;
  /** The client's capacity in this agency's work: VICTIM, SUSPECT, SUPERVISED_PERSON, CHILD, ... */
  capacity: string;
  since: string;
  /** Staff id of the agency's contact person. */
  contactPerson: string;
}

export interface StaffMember {
  sub: string;
  name: string;
  agency: string;
}

/**
 * An incident of domestic violence reported to the police: the day the police intervened and the
 * number of the official report (proces-verbaal) it is recorded under. Every agency that follows
 * police reports (the police themselves, the public prosecutor's office) sees the same ones.
 */
export interface WorldReport {
  number: string;
  day: string;
  /** The temporary barring order imposed after this intervention, if one was. */
  barringOrder: WorldBarringOrder | null;
}

/**
 * A temporary barring order (tijdelijk huisverbod): the public prosecutor imposes it after an
 * intervention, for 14 days from it, the court extends some to three months, and the police serve
 * it and check it is kept. One fact of the world, so the police's record and the prosecutor's
 * agree on whether there was one, until when, and whether it was breached.
 */
export interface WorldBarringOrder {
  /** Its last day. */
  endsAt: string;
  extended: boolean;
  /** The day it was breached, if it was (never after the world's `today`). */
  breachedOn: string | null;
  /** Lifted before its end (when neither breached nor still running). */
  lifted: boolean;
}

/** A family of the world: the persons, the day it came to the FJC, and what the police know of it. */
export interface WorldHousehold {
  number: number;
  victim: WorldClient;
  perpetrator: WorldClient;
  children: WorldClient[];
  /** The end-to-end tests' fixture family: known to every partner agency. */
  first: boolean;
  /** The day the family came to the FJC. */
  arrival: string;
  /** The day of the police intervention through which the police came to know the family; null: never reported. */
  reportedOn: string | null;
  /** The incidents reported to the police, oldest first: the first on `reportedOn`, repeats 5 to 160 days apart. */
  reports: WorldReport[];
}

/**
 * What the world asks of an agency while it is generated: whom of each family it knows. Called
 * for every household, in registry order, with the world's own random stream.
 */
export interface WorldAgency {
  id: AgencyId;
  /**
   * Links the members of `household` this agency knows (`link`, with the client's capacity in the
   * agency's work and, when it is not the default of the months around the family's arrival, the day
   * the agency came to know them). The first household must be linked in every partner agency.
   */
  involve?(household: WorldHousehold, random: Random, link: (client: WorldClient, capacity: string, since?: string) => void): void;
  /** What the agency usually needs to see of a victim's data held elsewhere: the categories of the victims' consents to it in the FJC's history. */
  consentNeeds?: readonly Category[];
}

export interface World {
  seed: number;
  /** The day the world is seen from: records before it are history, after it are planned. */
  today: string;
  /** The first day families arrive on; from then on they arrive at a steady rate until `today`. */
  start: string;
  clients: WorldClient[];
  cases: WorldCase[];
  households: WorldHousehold[];
  involvements: WorldInvolvement[];
  staff: StaffMember[];
  /** `WorldAgency.consentNeeds` of each agency that has them. */
  consentNeeds: Record<AgencyId, readonly Category[]>;
}

export interface WorldOptions {
  /** Number of clients; default `DEFAULT_CLIENTS`. */
  clients?: number;
  /** Seed of the random generator; default 1. */
  seed?: number;
  /** Reference day; default 2026-11-01, so that a seed always gives the same data. */
  today?: string;
}

/**
 * Clients of the default dataset (`npm start`, `npm run seed` without `--clients`): the size at
 * which the police figures reach the zone's own order of magnitude, about 1,000 domestic-violence
 * interventions a year (docs/statistics.md, The synthetic world). Every volume scales with it.
 */
export const DEFAULT_CLIENTS = 5000;
export const DEFAULT_SEED = 1;
/**
 * Days of history before `today`. Families arrive at a steady rate over all of them; the first
 * eight months are a run-in (a family's records follow its arrival over months), so every full
 * calendar year after it shows the world's steady volumes.
 */
export const HISTORY_DAYS = 1280;

/** Clients the end-to-end tests rely on, the same for every seed and size. */
export const FIXTURE_CLIENTS = {
  /** The perpetrator of the first family: known to every partner agency. */
  knownToAll: clientId(2),
  /** The victim of the first family. */
  victim: clientId(1),
  /** A child of the first family. */
  child: clientId(3),
  /** A walk-in registered at intake: no case, known to no agency. */
  knownToNone: clientId(4),
} as const;

export function clientId(index: number): string {
  return `FJC-${String(index).padStart(6, '0')}`;
}

const LANGUAGES = ['nl', 'nl', 'nl', 'nl', 'fr', 'en', 'ar', 'tr', 'pl', 'ro'];

/** Share of the families the police know: they come after several acts of violence and introduce most families to the FJC. */
export const REPORTED_SHARE = 0.9;

/** Share of the reported interventions after which a temporary barring order is imposed. */
export const BARRING_ORDER_SHARE = 0.35;

/**
 * Generates the world; deterministic for a given `seed`, `clients`, `today` and list of agencies.
 * @param agencies - whose involvement rules decide who knows whom, in registry order (seed/world.ts
 *   passes every registered agency's).
 */
export function createWorld(options: WorldOptions, agencies: readonly WorldAgency[]): World {
  const size = Math.max(options.clients ?? DEFAULT_CLIENTS, 4);
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? '2026-11-01';
  const random = createRandom(seed);
  const staff = createStaff(random.fork('staff'), Math.max(4, Math.ceil(size / 150)));
  const caseManagers = staff.filter((s) => s.agency === FJC).map((s) => s.sub);
  const world: World = {
    seed, today, start: addDays(today, -HISTORY_DAYS), clients: [], cases: [], households: [], involvements: [], staff,
    consentNeeds: Object.fromEntries(agencies.filter((a) => a.consentNeeds).map((a) => [a.id, a.consentNeeds!])),
  };

  let familyNumber = 0;
  let reports = 0;
  const nextReport = () => (reports += 1);
  while (world.clients.length < size) {
    const first = world.clients.length === 0;
    if (!first && world.clients.length >= 3 && random.chance(0.08)) {
      addWalkIn(world, random);
      continue;
    }
    const childCount = first ? 1 : random.chance(0.62) ? random.int(1, 3) : 0;
    if (world.clients.length + 2 + childCount > size) {
      addWalkIn(world, random);
      continue;
    }
    familyNumber += 1;
    addFamily(world, random, { familyNumber, childCount, first, caseManagers, agencies, nextReport });
    if (first) addWalkIn(world, random);
  }
  // A stream of their own: the rest of the world is what it was before barring orders were in it.
  imposeBarringOrders(world, random.fork('barring-orders'));
  return world;
}

function createStaff(random: Random, perAgency: number): StaffMember[] {
  return AGENCIES.flatMap((agency) =>
    Array.from({ length: perAgency }, (_, i) => ({
      sub: `${agency}-staff-${i + 1}`,
      name: `${firstName(random)} ${lastName(random)}`,
      agency,
    })),
  );
}

/** A new client, registered at the FJC on `registeredAt`. */
function newClient(world: World, random: Random, role: CaseRole, age: number, gender: Gender, registeredAt: string): WorldClient {
  const client: WorldClient = {
    id: clientId(world.clients.length + 1),
    firstName: firstName(random),
    lastName: lastName(random),
    dateOfBirth: addDays(world.today, -Math.round(age * 365.25) - random.int(0, 364)),
    gender,
    language: random.pick(LANGUAGES),
    interpreterNeeded: false,
    phone: role === 'CHILD' ? null : phone(random),
    email: role === 'CHILD' || random.chance(0.4) ? null : `client${world.clients.length + 1}@example.invalid`,
    address: address(random),
    addressProtected: false,
    registeredAt,
    role,
    caseId: null,
    household: null,
  };
  client.interpreterNeeded = client.language !== 'nl' && client.language !== 'fr' && random.chance(0.6);
  world.clients.push(client);
  return client;
}

function addWalkIn(world: World, random: Random): void {
  const registeredAt = addDays(world.today, -random.int(1, HISTORY_DAYS));
  newClient(world, random, 'OTHER', random.int(19, 70), random.chance(0.8) ? 'FEMALE' : 'MALE', registeredAt);
}

interface FamilyOptions {
  familyNumber: number;
  childCount: number;
  first: boolean;
  caseManagers: string[];
  agencies: readonly WorldAgency[];
  /** The next official report's running number. */
  nextReport: () => number;
}

function addFamily(world: World, random: Random, options: FamilyOptions): void {
  const { today } = world;
  const { first } = options;
  // The day the family comes to the FJC, at a steady rate over the world's history: the victim and
  // the children are registered then, the person who used violence within the month.
  const arrival = addDays(today, -random.int(3, HISTORY_DAYS));
  const victimGender: Gender = random.chance(0.85) ? 'FEMALE' : random.chance(0.9) ? 'MALE' : 'X';
  const victim = newClient(world, random, 'VICTIM', random.int(19, 65), victimGender, arrival);
  const perpetratorGender = victimGender === 'FEMALE' ? 'MALE' : 'FEMALE';
  const perpetrator = newClient(world, random, 'PERPETRATOR', random.int(20, 68), perpetratorGender, minDate(addDays(arrival, random.int(0, 30)), today));
  const children = Array.from({ length: options.childCount }, () =>
    newClient(world, random, 'CHILD', random.int(0, 16), random.chance(0.5) ? 'FEMALE' : 'MALE', arrival),
  );
  for (const member of [victim, perpetrator, ...children]) member.household = options.familyNumber;
  // Children live with the victim; a victim who fled has a protected address.
  for (const child of children) child.address = victim.address;
  victim.addressProtected = first || random.chance(0.3);
  for (const child of children) child.addressProtected = victim.addressProtected;
  perpetrator.lastName = random.chance(0.5) ? victim.lastName : perpetrator.lastName;

  // CO3 follows high-risk cases for up to about 22 months; most families here have a case.
  const hasCase = first || random.chance(0.85);
  const openedAt = minDate(addDays(arrival, random.int(0, 14)), today);
  if (hasCase) {
    const closedAt = addDays(openedAt, random.int(300, 700));
    const open = first || closedAt > today;
    const members = [
      { clientId: victim.id, role: 'VICTIM' as const },
      { clientId: perpetrator.id, role: 'PERPETRATOR' as const },
      ...children.map((c) => ({ clientId: c.id, role: 'CHILD' as const })),
    ];
    const theCase: WorldCase = {
      id: `CASE-${String(options.familyNumber).padStart(6, '0')}`,
      reference: `CO3/${openedAt.slice(0, 4)}/${String(options.familyNumber).padStart(5, '0')}`,
      status: open ? 'OPEN' : 'CLOSED',
      openedAt,
      closedAt: open ? null : closedAt,
      riskLevel: first ? 'VERY_HIGH' : random.pick(['MEDIUM', 'HIGH', 'HIGH', 'VERY_HIGH'] as const),
      caseManager: random.pick(options.caseManagers),
      members,
    };
    world.cases.push(theCase);
    for (const member of [victim, perpetrator, ...children]) member.caseId = theCase.id;
  }
  const household: WorldHousehold = { number: options.familyNumber, victim, perpetrator, children, first, arrival, ...reportsOf(world, random, options, arrival) };
  world.households.push(household);
  for (const agency of options.agencies) {
    agency.involve?.(household, random, (client, capacity, since) => {
      world.involvements.push({
        agency: agency.id,
        clientId: client.id,
        capacity,
        // The FJC connects the family to the other agencies, mostly in the months after it came;
        // some knew them shortly before.
        since: since ?? minDate(addDays(arrival, random.int(-30, 90)), today),
        contactPerson: `${agency.id}-staff-${random.int(1, 4)}`,
      });
    });
  }
}

/**
 * Whether the police know the family and the incidents reported: the police intervene days before
 * the family comes to the FJC, and violence recurs in many families (1 to 4 reports, 5 to 160 days
 * apart, none after `today`).
 */
function reportsOf(world: World, random: Random, family: FamilyOptions, arrival: string): Pick<WorldHousehold, 'reportedOn' | 'reports'> {
  const reportedOn = minDate(addDays(arrival, -random.int(0, 10)), world.today);
  if (!family.first && !random.chance(REPORTED_SHARE)) return { reportedOn: null, reports: [] };
  const reports: WorldReport[] = [];
  const count = random.int(1, 4);
  let day = reportedOn;
  for (let i = 0; i < count; i += 1) {
    if (i > 0) day = addDays(day, random.int(5, 160));
    if (day > world.today) break;
    reports.push({ number: `AN.${day.slice(0, 4)}.${String(family.nextReport()).padStart(6, '0')}`, day, barringOrder: null });
  }
  return { reportedOn, reports };
}

/**
 * The barring orders of the world: after about a third of the interventions, and after the fixture
 * family's first (the tests count on one); a third extended to three months; about one in eight
 * breached within its first two weeks; a few of the others lifted early.
 */
function imposeBarringOrders(world: World, random: Random): void {
  for (const household of world.households) {
    household.reports.forEach((report, index) => {
      if (!random.chance(BARRING_ORDER_SHARE) && !(household.first && index === 0)) return;
      const extended = random.chance(0.3);
      const breach = random.chance(0.12) ? addDays(report.day, random.int(1, 13)) : null;
      report.barringOrder = {
        endsAt: addDays(report.day, extended ? 14 + 90 : 14),
        extended,
        breachedOn: breach !== null && breach <= world.today ? breach : null,
        lifted: random.chance(0.05),
      };
    });
  }
}

/** The members of each household, by household number. */
export function households(world: World): Map<number, WorldClient[]> {
  const byHousehold = new Map<number, WorldClient[]>();
  for (const client of world.clients) {
    if (client.household === null) continue;
    const members = byHousehold.get(client.household);
    if (members) members.push(client);
    else byHousehold.set(client.household, [client]);
  }
  return byHousehold;
}

/** The world's involvements of one agency, in client order. */
export function involvementsOf(world: World, agency: AgencyId): WorldInvolvement[] {
  const seen = new Set<string>();
  return world.involvements.filter((inv) => {
    if (inv.agency !== agency || seen.has(inv.clientId)) return false;
    seen.add(inv.clientId);
    return true;
  });
}

/** The calendar years the world covers whole: from 1 January after its start to 31 December before `today`. */
export function fullYears(world: Pick<World, 'start' | 'today'>): number[] {
  const years: number[] = [];
  for (let year = Number(world.start.slice(0, 4)); `${year}-12-31` < world.today; year += 1) {
    if (`${year}-01-01` >= world.start) years.push(year);
  }
  return years;
}
