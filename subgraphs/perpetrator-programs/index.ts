import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { perpetratorProgramsSubgraph } from './server';
import { openPerpetratorProgramsStore } from './store';

void runSubgraph(perpetratorProgramsSubgraph, openPerpetratorProgramsStore);
