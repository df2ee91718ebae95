import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedProbation } from './seed';
import { PROBATION_FIGURES } from './statistics';
import { openProbationStore, type ProbationRows } from './store';

/** Of the families reported to the police, those where probation supervises the person who used violence. */
const SUPERVISED_SHARE = 0.7;

/** The probation service's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'probation',
  definition: partnerSubgraph<ProbationRows>('probation', resolvers),
  openStore: openProbationStore,
  seed: {
    /** Probation supervises the person who used violence in 7 in 10 of the families reported to the police. */
    involve: ({ perpetrator, first, reportedOn }, random, link) => {
      if (first || (reportedOn !== null && random.chance(SUPERVISED_SHARE))) link(perpetrator, 'SUPERVISED_PERSON');
    },
    consentNeeds: ['SAFETY', 'PROGRAM'],
    records: seedProbation,
  },
  figures: PROBATION_FIGURES,
});
