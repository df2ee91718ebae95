import type { Random, World } from '../../lib/kit';
import { seedConferences, seedConsents } from './seedHistory';
import { insertCase, insertCaseMember, insertClient, upsertAgencyLink, type FjcStore } from './store';

/**
 * Writes the FJC's part of the world: the registry, the cases, the reference directory, and the
 * history of consents and conferences. The first family and its case (the end-to-end tests'
 * fixture) get no consent and no conference: tests record their own through the API.
 */
export function seedFjc(store: FjcStore, world: World, random: Random): void {
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
  const fixtureCase = world.cases[0];
  const fixtureFamily = new Set(fixtureCase ? fixtureCase.members.map((m) => m.clientId) : []);
  seedConsents(store, world, random.fork('consents'), fixtureFamily);
  seedConferences(store, world, random.fork('conferences'), new Set(fixtureCase ? [fixtureCase.id] : []));
}
