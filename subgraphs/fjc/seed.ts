import type { Random } from '../../lib/seed/random';
import type { World } from '../../lib/seed/world';
import { insertCase, insertCaseMember, insertClient, upsertAgencyLink, type FjcStore } from './store';

/** Writes the FJC's part of the world: the registry, the cases, and the reference directory. */
export function seedFjc(store: FjcStore, world: World, _random: Random): void {
  for (const client of world.clients) {
    insertClient(store, {
      ...client,
      registeredBy: 'seed',
      requestId: null,
    });
  }
  for (const theCase of world.cases) {
    insertCase(store, { ...theCase, riskLevel: theCase.riskLevel });
    for (const member of theCase.members) insertCaseMember(store, { caseId: theCase.id, ...member });
  }
  for (const inv of world.involvements) {
    upsertAgencyLink(store, {
      agency: inv.agency, clientId: inv.clientId, capacity: inv.capacity, since: inv.since, registeredBy: 'seed', requestId: null,
    });
  }
}
