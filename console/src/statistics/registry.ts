import type { AgencyCardSpec } from '../cards/cardTypes';
import { SCHEMA_FIGURES } from '../gql/figures';
import { assembleDashboard } from './assemble';
import type { AgencyFiguresSpec } from './figureTypes';

/**
 * The dashboard's agencies and figures, collected at build time: the figures from the supergraph
 * (generated), their names from `subgraphs/<agency>/console/figures.json` and, for an agency's
 * name, its card.
 */
const specs = import.meta.glob<AgencyFiguresSpec>('../../../subgraphs/*/console/figures.json', { eager: true, import: 'default' });
const cards = import.meta.glob<AgencyCardSpec>('../../../subgraphs/*/console/card.json', { eager: true, import: 'default' });

export const DASHBOARD_AGENCIES = assembleDashboard(SCHEMA_FIGURES, Object.values(specs), Object.values(cards));
