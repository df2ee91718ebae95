import { defineAgency } from '../../lib/kit';
import { findClientBases } from './accessStore';
import { accessAssertion } from './accessResolvers';
import { requireOpenConference } from './basisCheck';
import { createFjcLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seedFjc } from './seed';
import { FJC_FIGURES } from './statistics';
import { openFjcStore } from './store';

/**
 * The FJC's own part of OneRoof: registry, cases, consent, conferences, and the consent
 * assertions it signs for every partner agency. `index.ts` runs it; the tools and tests find it by its id.
 */
export const agency = defineAgency({
  id: 'fjc',
  definition: {
    agency: 'fjc',
    resolvers: { ...resolvers, Client: { ...resolvers.Client, accessAssertion } },
    createLoaders: (store) => createFjcLoaders(store),
    basesSource: (store, request) => (clientIds) => findClientBases(store, request, clientIds),
    checkRequest: requireOpenConference,
  },
  openStore: openFjcStore,
  seed: { records: seedFjc },
  figures: FJC_FIGURES,
});
