import type { AgencyId } from '../lib/agencies';
import type { Random } from '../lib/seed/random';
import type { World } from '../lib/seed/world';
import type { SubgraphDefinition } from '../lib/subgraph/createSubgraphServer';
import { fjcSubgraph } from './fjc/server';
import { seedFjc } from './fjc/seed';
import { openFjcStore } from './fjc/store';
import { policeSubgraph } from './police/server';
import { seedPolice } from './police/seed';
import { openPoliceStore } from './police/store';
import { probationSubgraph } from './probation/server';
import { seedProbation } from './probation/seed';
import { openProbationStore } from './probation/store';
import { perpetratorProgramsSubgraph } from './perpetrator-programs/server';
import { seedPerpetratorPrograms } from './perpetrator-programs/seed';
import { openPerpetratorProgramsStore } from './perpetrator-programs/store';
import { youthCareSubgraph } from './youth-care/server';
import { seedYouthCare } from './youth-care/seed';
import { openYouthCareStore } from './youth-care/store';
import { housingSubgraph } from './housing/server';
import { seedHousing } from './housing/seed';
import { openHousingStore } from './housing/store';
import { mentalHealthSubgraph } from './mental-health/server';
import { seedMentalHealth } from './mental-health/seed';
import { openMentalHealthStore } from './mental-health/store';

/** The part of a store that tooling uses: seeding runs in one transaction. */
export interface StoreHandle {
  transaction<T>(work: () => T): T;
  close(): void;
}

/** What tooling needs of one subgraph: its definition, how to open its store, how to seed it. */
export interface SubgraphModule<TStore extends StoreHandle = StoreHandle> {
  definition: SubgraphDefinition<TStore, unknown>;
  openStore: (file: string) => TStore;
  seed: (store: TStore, world: World, random: Random) => void;
}

function module<TStore extends StoreHandle, TLoaders>(
  definition: SubgraphDefinition<TStore, TLoaders>,
  openStore: (file: string) => TStore,
  seed: (store: TStore, world: World, random: Random) => void,
): SubgraphModule {
  return { definition, openStore, seed } as unknown as SubgraphModule;
}

/** Every subgraph of the federation, for the seed script, the test stack and the benchmarks. */
export const SUBGRAPHS: Partial<Record<AgencyId, SubgraphModule>> = {
  fjc: module(fjcSubgraph, openFjcStore, seedFjc),
  police: module(policeSubgraph, openPoliceStore, seedPolice),
  probation: module(probationSubgraph, openProbationStore, seedProbation),
  'perpetrator-programs': module(perpetratorProgramsSubgraph, openPerpetratorProgramsStore, seedPerpetratorPrograms),
  'youth-care': module(youthCareSubgraph, openYouthCareStore, seedYouthCare),
  housing: module(housingSubgraph, openHousingStore, seedHousing),
  'mental-health': module(mentalHealthSubgraph, openMentalHealthStore, seedMentalHealth),
};
