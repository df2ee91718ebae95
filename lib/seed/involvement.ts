import type { PartnerAgencyId } from '../agencies';
import { addDays, minDate, type Random } from './random';
import type { World, WorldClient } from './world';

/**
 * Which agencies know a family of the synthetic world, and since when. These shares set the other
 * agencies' volumes in proportion to the police's (docs/statistics.md, The synthetic world); each
 * agency's seed then invents its own records for the persons it knows.
 */
export const INVOLVEMENT = {
  /** Families the police know: they come after several acts of violence and introduce most families to the FJC. */
  police: 0.9,
  /** Of those, families where probation supervises the person who used violence. */
  probation: 0.7,
  /** Families where the person who used violence is referred to a perpetrator programme. */
  perpetratorProgramme: 0.55,
  /** Families with children that youth care knows: every child, and the parent the children live with. */
  youthCare: 0.7,
  /** Victims who apply for housing or need a shelter. */
  housing: 0.6,
  /** Persons in mental-health care, by their role in the family. */
  mentalHealth: { victim: 0.5, child: 0.25, perpetrator: 0.35 },
  /** Children the police record, as present at an intervention. */
  policeChild: 0.5,
} as const;

export interface Household {
  victim: WorldClient;
  perpetrator: WorldClient;
  children: WorldClient[];
  /** The end-to-end tests' fixture family: known to every agency. */
  first: boolean;
  /** The day the family came to the FJC. */
  arrival: string;
}

/** Records which agencies know the members of a household, in the world's involvements. */
export function involve(world: World, random: Random, household: Household): void {
  const { victim, perpetrator, children, first, arrival } = household;
  const { today } = world;
  // The police intervention that brought the family to the FJC, days before it came.
  const policeSince = minDate(addDays(arrival, -random.int(0, 10)), today);
  const link = (agency: PartnerAgencyId, client: WorldClient, capacity: string, since?: string) => {
    world.involvements.push({
      agency,
      clientId: client.id,
      capacity,
      // The FJC connects the family to the other agencies, mostly in the months after it came;
      // some knew them shortly before.
      since: since ?? minDate(addDays(arrival, random.int(-30, 90)), today),
      contactPerson: `${agency}-staff-${random.int(1, 4)}`,
    });
  };
  const police = first || random.chance(INVOLVEMENT.police);
  if (police) {
    link('police', victim, 'VICTIM', policeSince);
    link('police', perpetrator, 'SUSPECT', policeSince);
  }
  if (first || (police && random.chance(INVOLVEMENT.probation))) link('probation', perpetrator, 'SUPERVISED_PERSON');
  if (first || random.chance(INVOLVEMENT.perpetratorProgramme)) link('perpetrator-programs', perpetrator, 'PARTICIPANT');
  if (children.length > 0 && (first || random.chance(INVOLVEMENT.youthCare))) {
    for (const child of children) link('youth-care', child, 'CHILD');
    link('youth-care', first ? perpetrator : victim, 'PARENT');
  }
  if (first || random.chance(INVOLVEMENT.housing)) link('housing', victim, 'APPLICANT');
  if (first) link('housing', perpetrator, 'APPLICANT');
  if (random.chance(INVOLVEMENT.mentalHealth.victim)) link('mental-health', victim, 'CLIENT');
  for (const child of children) {
    if (police && random.chance(INVOLVEMENT.policeChild)) link('police', child, 'CHILD', policeSince);
    if (random.chance(INVOLVEMENT.mentalHealth.child)) link('mental-health', child, 'CLIENT');
  }
  if (first || random.chance(INVOLVEMENT.mentalHealth.perpetrator)) link('mental-health', perpetrator, 'CLIENT');
}
