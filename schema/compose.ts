import path from 'node:path';
import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import { AGENCIES, agencyPortOffset } from '../lib/agencies';
import { subgraphTypeDefs } from '../lib/kit/agency/typeDefs';

/** The committed supergraph the gateway serves by default (`ONEROOF_SUPERGRAPH_FILE`). */
export const SUPERGRAPH_FILE = path.join(__dirname, 'supergraph.graphql');

/** A subgraph composed beside the registry's agencies: one OneRoof does not run (tests, a partner's own). */
export interface ExtraSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/**
 * Composes the supergraph from every registered agency's SDL, and any `extra` subgraphs. The URLs
 * are the local defaults; the gateway replaces them with the configured ones
 * (`ONEROOF_SUBGRAPH_URL_<AGENCY>`).
 * @throws Error listing every composition error.
 */
export function composeSupergraph(basePort = 4001, extra: readonly ExtraSubgraph[] = []): string {
  const result = composeServices([
    ...AGENCIES.map((agency) => ({
      name: agency,
      typeDefs: subgraphTypeDefs(agency),
      url: `http://localhost:${basePort + agencyPortOffset(agency)}/graphql`,
    })),
    ...extra,
  ]);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
