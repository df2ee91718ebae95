import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedYouthCare } from './seed';
import { YOUTH_CARE_FIGURES } from './statistics';
import { openYouthCareStore, type YouthCareRows } from './store';

/** Families with children that youth care knows. */
const KNOWN_SHARE = 0.7;

/** Youth care's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'youth-care',
  definition: partnerSubgraph<YouthCareRows>('youth-care', resolvers),
  openStore: openYouthCareStore,
  seed: {
    /** Youth care knows 7 in 10 families with children: every child, and the parent the children live with. */
    involve: ({ victim, perpetrator, children, first }, random, link) => {
      if (children.length === 0 || !(first || random.chance(KNOWN_SHARE))) return;
      for (const child of children) link(child, 'CHILD');
      link(first ? perpetrator : victim, 'PARENT');
    },
    consentNeeds: ['SAFETY', 'CONTACT', 'HOUSING', 'HEALTH'],
    records: seedYouthCare,
  },
  figures: YOUTH_CARE_FIGURES,
});
