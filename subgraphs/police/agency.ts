import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedPolice } from './seed';
import { interventionsPerYear, POLICE_FIGURES } from './statistics';
import { openPoliceStore, type PoliceRows } from './store';

/** Children the police record, as present at an intervention. */
const CHILD_PRESENT_SHARE = 0.5;

/** The police zone's part of OneRoof: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'police',
  definition: partnerSubgraph<PoliceRows>('police', resolvers),
  openStore: openPoliceStore,
  seed: {
    /**
     * The police know every family reported to them (the world's reports): the victim and the
     * suspect from the first intervention, and half the children, as present at an intervention.
     */
    involve: ({ victim, perpetrator, children, reportedOn }, random, link) => {
      if (reportedOn === null) return;
      link(victim, 'VICTIM', reportedOn);
      link(perpetrator, 'SUSPECT', reportedOn);
      for (const child of children) if (random.chance(CHILD_PRESENT_SHARE)) link(child, 'CHILD', reportedOn);
    },
    consentNeeds: ['SAFETY', 'CONTACT', 'CHILD'],
    records: seedPolice,
    // The calibration's yardstick: about 1,000 a year in the default dataset.
    yearly: { label: 'police domestic-violence interventions', count: interventionsPerYear },
  },
  figures: POLICE_FIGURES,
});
