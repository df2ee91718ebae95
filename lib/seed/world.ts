import type { PartnerAgencyId } from '../agencies';
import { address, firstName, lastName, phone, type SyntheticAddress } from './names';
import { addDays, createRandom, type Random } from './random';

/**
 * The synthetic world every store is seeded from: who the clients are, how they form families and
 * FJC cases, and which agency knows whom. Each agency then invents its own records for the clients
 * it knows (its `seed.ts`), from its own random stream.
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
  agency: PartnerAgencyId;
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

export interface World {
  seed: number;
  /** The day the world is seen from: records before it are history, after it are planned. */
  today: string;
  clients: WorldClient[];
  cases: WorldCase[];
  involvements: WorldInvolvement[];
  staff: StaffMember[];
}

export interface WorldOptions {
  /** Number of clients; default 400. */
  clients?: number;
  /** Seed of the random generator; default 1. */
  seed?: number;
  /** Reference day; default 2026-11-01, so that a seed always gives the same data. */
  today?: string;
}

/** Clients the end-to-end tests rely on, the same for every seed and size. */
export const FIXTURE_CLIENTS = {
  /** The perpetrator of the first family: known to all six partner agencies. */
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
const SPAN_DAYS = 730; // the dataset covers two years of FJC work

/** Generates the world; deterministic for a given `seed`, `clients` and `today`. */
export function generateWorld(options: WorldOptions = {}): World {
  const size = Math.max(options.clients ?? 400, 4);
  const seed = options.seed ?? 1;
  const today = options.today ?? '2026-11-01';
  const random = createRandom(seed);
  const staff = createStaff(random.fork('staff'), Math.max(4, Math.ceil(size / 150)));
  const caseManagers = staff.filter((s) => s.agency === 'fjc').map((s) => s.sub);
  const world: World = { seed, today, clients: [], cases: [], involvements: [], staff };

  let familyNumber = 0;
  while (world.clients.length < size) {
    const first = world.clients.length === 0;
    if (!first && world.clients.length >= 3 && random.chance(0.08)) {
      addWalkIn(world, random, today);
      continue;
    }
    const childCount = first ? 1 : random.chance(0.62) ? random.int(1, 3) : 0;
    if (world.clients.length + 2 + childCount > size) {
      addWalkIn(world, random, today);
      continue;
    }
    familyNumber += 1;
    addFamily(world, random, { familyNumber, childCount, first, today, caseManagers });
    if (first) addWalkIn(world, random, today);
  }
  return world;
}

function createStaff(random: Random, perAgency: number): StaffMember[] {
  const agencies = ['fjc', 'police', 'probation', 'perpetrator-programs', 'youth-care', 'housing', 'mental-health'];
  return agencies.flatMap((agency) =>
    Array.from({ length: perAgency }, (_, i) => ({
      sub: `${agency}-staff-${i + 1}`,
      name: `${firstName(random)} ${lastName(random)}`,
      agency,
    })),
  );
}

function newClient(world: World, random: Random, role: CaseRole, age: number, gender: Gender, today: string): WorldClient {
  const client: WorldClient = {
    id: clientId(world.clients.length + 1),
    firstName: firstName(random),
    lastName: lastName(random),
    dateOfBirth: addDays(today, -Math.round(age * 365.25) - random.int(0, 364)),
    gender,
    language: random.pick(LANGUAGES),
    interpreterNeeded: false,
    phone: role === 'CHILD' ? null : phone(random),
    email: role === 'CHILD' || random.chance(0.4) ? null : `client${world.clients.length + 1}@example.invalid`,
    address: address(random),
    addressProtected: false,
    registeredAt: addDays(today, -random.int(1, SPAN_DAYS)),
    role,
    caseId: null,
    household: null,
  };
  client.interpreterNeeded = client.language !== 'nl' && client.language !== 'fr' && random.chance(0.6);
  world.clients.push(client);
  return client;
}

function addWalkIn(world: World, random: Random, today: string): void {
  newClient(world, random, 'OTHER', random.int(19, 70), random.chance(0.8) ? 'FEMALE' : 'MALE', today);
}

interface FamilyOptions {
  familyNumber: number;
  childCount: number;
  first: boolean;
  today: string;
  caseManagers: string[];
}

function addFamily(world: World, random: Random, options: FamilyOptions): void {
  const { today, first } = options;
  const victimGender: Gender = random.chance(0.85) ? 'FEMALE' : random.chance(0.9) ? 'MALE' : 'X';
  const victim = newClient(world, random, 'VICTIM', random.int(19, 65), victimGender, today);
  const perpetrator = newClient(world, random, 'PERPETRATOR', random.int(20, 68), victimGender === 'FEMALE' ? 'MALE' : 'FEMALE', today);
  const children = Array.from({ length: options.childCount }, () =>
    newClient(world, random, 'CHILD', random.int(0, 16), random.chance(0.5) ? 'FEMALE' : 'MALE', today),
  );
  for (const member of [victim, perpetrator, ...children]) member.household = options.familyNumber;
  // Children live with the victim; a victim who fled has a protected address.
  for (const child of children) child.address = victim.address;
  victim.addressProtected = first || random.chance(0.3);
  for (const child of children) child.addressProtected = victim.addressProtected;
  perpetrator.lastName = random.chance(0.5) ? victim.lastName : perpetrator.lastName;

  // CO3 follows high-risk cases for about 22 months; most families here have a case.
  const hasCase = first || random.chance(0.85);
  const openedAt = addDays(today, -random.int(3, 700));
  if (hasCase) {
    const open = first || Date.parse(today) - Date.parse(openedAt) < 660 * 86_400_000 || random.chance(0.2);
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
      closedAt: open ? null : addDays(openedAt, random.int(300, 700)),
      riskLevel: first ? 'VERY_HIGH' : random.pick(['MEDIUM', 'HIGH', 'HIGH', 'VERY_HIGH'] as const),
      caseManager: random.pick(options.caseManagers),
      members,
    };
    world.cases.push(theCase);
    for (const member of [victim, perpetrator, ...children]) member.caseId = theCase.id;
  }
  involve(world, random, { victim, perpetrator, children, first, since: openedAt, today });
}

interface Household {
  victim: WorldClient;
  perpetrator: WorldClient;
  children: WorldClient[];
  first: boolean;
  since: string;
  today: string;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function involve(world: World, random: Random, household: Household): void {
  const { victim, perpetrator, children, first, since, today } = household;
  const link = (agency: PartnerAgencyId, client: WorldClient, capacity: string) => {
    world.involvements.push({
      agency,
      clientId: client.id,
      capacity,
      since: minDate(addDays(since, random.int(-120, 60)), today),
      contactPerson: `${agency}-staff-${random.int(1, 4)}`,
    });
  };
  // Police usually know both sides: they come after several acts of violence.
  const police = first || random.chance(0.9);
  if (police) {
    link('police', victim, 'VICTIM');
    link('police', perpetrator, 'SUSPECT');
  }
  if (first || (police && random.chance(0.45))) link('probation', perpetrator, 'SUPERVISED_PERSON');
  if (first || random.chance(0.4)) link('perpetrator-programs', perpetrator, 'PARTICIPANT');
  if (children.length > 0 && (first || random.chance(0.7))) {
    for (const child of children) link('youth-care', child, 'CHILD');
    link('youth-care', first ? perpetrator : victim, 'PARENT');
  }
  if (first || random.chance(0.45)) link('housing', victim, 'APPLICANT');
  if (first) link('housing', perpetrator, 'APPLICANT');
  if (random.chance(0.5)) link('mental-health', victim, 'CLIENT');
  // Children present at an intervention are recorded by the police too, and some are in care.
  for (const child of children) {
    if (police && random.chance(0.5)) link('police', child, 'CHILD');
    if (random.chance(0.25)) link('mental-health', child, 'CLIENT');
  }
  if (first || random.chance(0.35)) link('mental-health', perpetrator, 'CLIENT');
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
export function involvementsOf(world: World, agency: PartnerAgencyId): WorldInvolvement[] {
  const seen = new Set<string>();
  return world.involvements.filter((inv) => {
    if (inv.agency !== agency || seen.has(inv.clientId)) return false;
    seen.add(inv.clientId);
    return true;
  });
}
