import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { mentalHealthSubgraph } from './server';
import { openMentalHealthStore } from './store';

void runSubgraph(mentalHealthSubgraph, openMentalHealthStore);
