import { defineAgency } from '../../lib/kit';
import { createMentalHealthLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seedMentalHealth } from './seed';
import { MENTAL_HEALTH_FIGURES } from './statistics';
import { openMentalHealthStore } from './store';

/** Persons in mental-health care, by their role in the family. */
const IN_CARE = { victim: 0.5, child: 0.25, perpetrator: 0.35 } as const;

/** The centre for mental health's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'mental-health',
  definition: {
    agency: 'mental-health',
    resolvers,
    createLoaders: (store) => createMentalHealthLoaders(store),
  },
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
