import { print } from 'graphql';
import { AGENCIES } from '../lib/agencies';
import { subgraphTypeDefs } from '../lib/kit/agency/typeDefs';

/**
 * The reference subgraphs a subgraph under test must compose with (AP-SDL-2): OneRoof's own
 * subgraphs, every one but the agency under test, as this checkout composes them. The only place
 * the suite reads OneRoof's implementation: the rest of it talks to the subgraph over HTTP.
 */
export function referenceSubgraphs(agency: string): Record<string, string> {
  return Object.fromEntries(AGENCIES.filter((id) => id !== agency).map((id) => [id, print(subgraphTypeDefs(id))]));
}
