import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { housingSubgraph } from './server';
import { openHousingStore } from './store';

void runSubgraph(housingSubgraph, openHousingStore);
