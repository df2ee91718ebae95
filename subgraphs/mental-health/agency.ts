import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedMentalHealth } from './seed';
import { MENTAL_HEALTH_FIGURES } from './statistics';
import { openMentalHealthStore, type MentalHealthRows } from './store';

/** Persons in mental-health care, by their role in the family. */
const IN_CARE = { victim: 0.5, child: 0.25, perpetrator: 0.35 } as const;

/** The centre for mental health's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'mental-health',
  definition: partnerSubgraph<MentalHealthRows>('mental-health', resolvers),
  openStore: openMentalHealthStore,
  seed: {
    /** Half the victims, a quarter of the children and a third of the persons who used violence are in care. */
    involve: ({ victim, perpetrator, children, first }, random, link) => {
      if (random.chance(IN_CARE.victim)) link(victim, 'CLIENT');
      for (const child of children) if (random.chance(IN_CARE.child)) link(child, 'CLIENT');
      if (first || random.chance(IN_CARE.perpetrator)) link(perpetrator, 'CLIENT');
    },
    consentNeeds: ['SAFETY', 'CHILD', 'HOUSING'],
    records: seedMentalHealth,
  },
  figures: MENTAL_HEALTH_FIGURES,
});
