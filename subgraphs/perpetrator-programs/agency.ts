import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedPerpetratorPrograms } from './seed';
import { PERPETRATOR_PROGRAM_FIGURES } from './statistics';
import { openPerpetratorProgramsStore, type PerpetratorProgramsRows } from './store';

/** Families where the person who used violence is referred to a perpetrator programme. */
const REFERRED_SHARE = 0.55;

/** The perpetrator programme service's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'perpetrator-programs',
  definition: partnerSubgraph<PerpetratorProgramsRows>('perpetrator-programs', resolvers),
  openStore: openPerpetratorProgramsStore,
  seed: {
    /** A little over half of the persons who used violence are referred to a programme. */
    involve: ({ perpetrator, first }, random, link) => {
      if (first || random.chance(REFERRED_SHARE)) link(perpetrator, 'PARTICIPANT');
    },
    consentNeeds: ['SAFETY', 'JUSTICE'],
    records: seedPerpetratorPrograms,
  },
  figures: PERPETRATOR_PROGRAM_FIGURES,
});
