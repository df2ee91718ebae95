import { runSubgraph } from '../../lib/subgraph/runSubgraph';
import { agency } from './agency';

void runSubgraph(agency);
