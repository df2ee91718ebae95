import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { fjcSubgraph } from './server';
import { openFjcStore } from './store';

void runSubgraph(fjcSubgraph, openFjcStore);
