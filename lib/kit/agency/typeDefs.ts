import type { DocumentNode } from 'graphql';
import type { AgencyId } from '../../agencies';
import { disclosureLogTypeDefs } from '../disclosure/extension';
import { loadSubgraphTypeDefs } from '../server/typeDefs';

/**
 * An agency's whole SDL as its subgraph serves it and the supergraph composes it: its own
 * `schema.graphql`, the shared types, and the disclosure log's part (every agency keeps a log).
 */
export function subgraphTypeDefs(agency: AgencyId): DocumentNode {
  return loadSubgraphTypeDefs(agency, [disclosureLogTypeDefs]);
}
