import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { probationSubgraph } from './server';
import { openProbationStore } from './store';

void runSubgraph(probationSubgraph, openProbationStore);
