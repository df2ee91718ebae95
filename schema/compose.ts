import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { AGENCIES, agencyPortOffset } from '../lib/agencies';
import { loadSubgraphTypeDefs } from '../lib/subgraph/typeDefs';

/** The committed supergraph the gateway serves. */
export const SUPERGRAPH_FILE = path.join(__dirname, 'supergraph.graphql');

/**
 * Composes the supergraph from every subgraph's SDL. The URLs are the local defaults; the gateway
 * replaces them with the configured ones (`ONEROOF_SUBGRAPH_URL_<AGENCY>`).
 * @throws Error listing every composition error.
 */
export function composeSupergraph(basePort = 4001): string {
  const result = composeServices(
    AGENCIES.map((agency) => ({
      name: agency,
      typeDefs: loadSubgraphTypeDefs(agency),
      url: `http://localhost:${basePort + agencyPortOffset(agency)}/graphql`,
    })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
