import { ClientHeaderFragmentDoc } from '../gql/generated';
import { assembleClientView, orderedCards, type AgencyCardSpec } from './cardTypes';

/**
 * Every agency's card, collected at build time from `subgraphs/<agency>/console/` (Vite's
 * import.meta.glob): card.json describes it, card.graphql holds its fragment.
 */
const specs = import.meta.glob<AgencyCardSpec>('../../../subgraphs/*/console/card.json', { eager: true, import: 'default' });
const fragments = import.meta.glob<string>('../../../subgraphs/*/console/card.graphql', { eager: true, query: '?raw', import: 'default' });

const agencyFolder = (file: string) => /subgraphs\/([^/]+)\/console\//.exec(file)?.[1] ?? file;

export const CARDS = orderedCards(
  Object.values(specs),
  Object.fromEntries(Object.entries(fragments).map(([file, text]) => [agencyFolder(file), text])),
);

export const CLIENT_VIEW_QUERY = assembleClientView(String(ClientHeaderFragmentDoc), CARDS);
