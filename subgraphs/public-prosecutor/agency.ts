import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seedProsecutor } from './seed';
import { PROSECUTOR_FIGURES } from './statistics';
import { openProsecutorStore, type ProsecutorRows } from './store';

/** The public prosecutor's office: its subgraph, store, synthetic records and figures. `index.ts` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: 'public-prosecutor',
  definition: partnerSubgraph<ProsecutorRows>('public-prosecutor', resolvers),
  openStore: openProsecutorStore,
  seed: {
    /**
     * Every police report reaches the office: it knows the victim and the suspect of every family
     * reported to the police, from the day of the first report, as the police do.
     */
    involve: ({ victim, perpetrator, reportedOn }, _random, link) => {
      if (reportedOn === null) return;
      link(victim, 'VICTIM', reportedOn);
      link(perpetrator, 'SUSPECT', reportedOn);
    },
    consentNeeds: ['JUSTICE', 'SAFETY'],
    records: seedProsecutor,
  },
  figures: PROSECUTOR_FIGURES,
});
