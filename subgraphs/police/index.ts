import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { policeSubgraph } from './server';
import { openPoliceStore } from './store';

void runSubgraph(policeSubgraph, openPoliceStore);
