import { addDays, type AgencyId, type Category, type Random, type World, type WorldCase, type WorldInvolvement } from '../../lib/kit';
import { insertCaseAction } from './casePlanStore';
import { insertConference } from './conferenceStore';
import { insertConsent, insertRevocation } from './consentStore';
import type { FjcStore } from './store';

/**
 * The consent registry's and the conferences' history in the synthetic world: consents of some
 * victims to the agencies that know them (a few revoked, some expired), and past, closed security
 * conferences, mostly for high-risk cases in the weeks after they opened. The first family (the
 * end-to-end tests' fixture) is left without either.
 */

const REVOCATION_REASONS = [
  'Client withdrew consent at the front desk.',
  'Client withdrew consent by phone; confirmed in writing.',
  'Client asked to stop sharing with this agency.',
];
const SEED_REQUEST = 'seed';
const at = (day: string, time = '09:00') => `${day}T${time}:00.000Z`;
const seq = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, '0')}`;

export function seedConsents(store: FjcStore, world: World, random: Random, excluded: ReadonlySet<string>): void {
  const linksOf = new Map<string, WorldInvolvement[]>();
  for (const inv of world.involvements) linksOf.set(inv.clientId, [...(linksOf.get(inv.clientId) ?? []), inv]);
  const recorders = world.staff.filter((s) => s.agency === 'fjc').map((s) => s.sub);
  let count = 0;
  for (const victim of world.clients) {
    if (victim.role !== 'VICTIM' || excluded.has(victim.id) || !random.chance(0.4)) continue;
    const from = [...(linksOf.get(victim.id) ?? []).map((l) => l.since), victim.registeredAt].sort().pop()!;
    if (from >= world.today) continue;
    const agencies = new Set((linksOf.get(victim.id) ?? []).map((l) => l.agency));
    for (const agency of agencies) {
      count += 1;
      const id = seq('CONS-', count);
      // What the agency usually needs to see of a victim's data held elsewhere (its `consentNeeds`).
      const needs: Category[] = (world.consentNeeds[agency] ?? []).filter(() => random.chance(0.6));
      const recordedBy = random.pick(recorders);
      insertConsent(store, {
        id, clientId: victim.id, granteeAgency: agency, categories: needs.length > 0 ? needs : ['SAFETY'],
        purposes: ['CASE_MANAGEMENT'], validFrom: at(from), validUntil: at(addDays(from, random.int(180, 730))),
        evidenceReference: `FORM/${from.slice(0, 4)}/${String(count).padStart(5, '0')}`, renews: null,
        recordedBy, recordedByAgency: 'fjc', recordedAt: at(from), requestId: SEED_REQUEST,
      });
      const revokedOn = addDays(from, random.int(1, 120));
      if (random.chance(0.1) && revokedOn < world.today) {
        insertRevocation(store, {
          consentId: id, reason: random.pick(REVOCATION_REASONS), revokedBy: random.pick(recorders), revokedByAgency: 'fjc',
          revokedAt: at(revokedOn, '14:00'), requestId: SEED_REQUEST,
        });
      }
    }
  }
}

function participantsOf(theCase: WorldCase, world: World): { staffId: string; agency: AgencyId }[] {
  const members = new Set(theCase.members.map((m) => m.clientId));
  const seen = new Map<string, AgencyId>([[theCase.caseManager, 'fjc']]);
  for (const inv of world.involvements) if (members.has(inv.clientId)) seen.set(inv.contactPerson, inv.agency);
  return [...seen].map(([staffId, agency]) => ({ staffId, agency }));
}

/** Share of cases that get a security conference, by risk level: the higher the risk, the likelier. */
const CONFERENCE_SHARE: Record<WorldCase['riskLevel'], number> = { LOW: 0.05, MEDIUM: 0.1, HIGH: 0.3, VERY_HIGH: 0.55 };

export function seedConferences(store: FjcStore, world: World, random: Random, excluded: ReadonlySet<string>): void {
  let conferences = 0;
  let actions = 0;
  for (const theCase of world.cases) {
    if (excluded.has(theCase.id) || !random.chance(CONFERENCE_SHARE[theCase.riskLevel])) continue;
    // Convened in the weeks after the case opened, once the agencies' information is in.
    const day = addDays(theCase.openedAt, random.int(7, 75));
    if (day >= world.today || (theCase.closedAt !== null && day >= theCase.closedAt)) continue;
    conferences += 1;
    const id = seq('CONF-', conferences);
    const participants = participantsOf(theCase, world);
    const decree = random.chance(0.5);
    const endsAt = at(day, `${random.int(10, 13)}:00`);
    insertConference(store, {
      id, caseId: theCase.id, startsAt: at(day), endsAt,
      legalBasis: decree ? 'DECREE' : 'PROSECUTOR_PERMISSION',
      legalBasisReference: decree ? 'Decree on integrated family justice, art. 7' : `PK/${day.slice(0, 4)}/${String(conferences).padStart(5, '0')}`,
      convenedBy: theCase.caseManager, convenedAt: at(addDays(day, -random.int(1, 7))), requestId: SEED_REQUEST,
      participants, closed: { at: endsAt, by: theCase.caseManager, requestId: SEED_REQUEST },
    });
    actions += 1;
    insertCaseAction(store, {
      id: seq('ACT-', actions), caseId: theCase.id, conferenceId: id, kind: 'DECISION',
      description: 'Safety plan reviewed; each agency follows up on its own actions.',
      responsibleAgency: random.pick(participants).agency, dueDate: addDays(day, 14),
      recordedBy: theCase.caseManager, recordedAt: endsAt, requestId: SEED_REQUEST,
    });
  }
}
