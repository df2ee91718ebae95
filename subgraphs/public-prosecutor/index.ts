import { runAgency } from '../../lib/kit';
import { agency } from './agency';

void runAgency(agency);
