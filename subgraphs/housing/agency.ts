import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedHousing } from './seed';
import { HOUSING_FIGURES } from './statistics';
import { openHousingStore, type HousingRows } from './store';

/** Victims who apply for housing or need a shelter. */
const APPLICANT_SHARE = 0.6;

/** The housing service's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'housing',
  definition: partnerSubgraph<HousingRows>('housing', resolvers),
  openStore: openHousingStore,
  seed: {
    /** 6 in 10 victims apply for housing or need a shelter (and, in the fixture family, the person who used violence). */
    involve: ({ victim, perpetrator, first }, random, link) => {
      if (first || random.chance(APPLICANT_SHARE)) link(victim, 'APPLICANT');
      if (first) link(perpetrator, 'APPLICANT');
    },
    consentNeeds: ['SAFETY', 'CONTACT', 'CHILD'],
    records: seedHousing,
  },
  figures: HOUSING_FIGURES,
});
