import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { youthCareSubgraph } from './server';
import { openYouthCareStore } from './store';

void runSubgraph(youthCareSubgraph, openYouthCareStore);
