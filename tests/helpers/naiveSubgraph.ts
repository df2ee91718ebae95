import type { AgencyId } from '../../lib/agencies';
import { acceptAnyToken } from '../../lib/auth/benchMode';
import { disclosureLogTypeDefs } from '../../lib/kit/disclosure/extension';
import { createSubgraphServer } from '../../lib/kit/server/createSubgraphServer';
import { listenOnAnyPort, type AgencyUnderTest } from './conformanceAgency';
import { openSubgraphStore } from './seededData';

/**
 * A deliberately naive subgraph: an agency's own SDL, resolvers and store, served without any of
 * the protocol's checks (no token or signature verification, no field decisions, no consent
 * assertions, no disclosure log): OneRoof's benchmark mode, which exists to measure what those
 * checks cost. It answers every well-formed request as the benchmark viewer. The conformance suite
 * must fail it.
 */
export async function startNaiveSubgraph(agency: AgencyId, dataDir: string): Promise<AgencyUnderTest> {
  const { module, opened } = openSubgraphStore(dataDir, agency);
  // The same schema, the disclosure log's part included, but no log behind it.
  const schemaOnly = { name: 'disclosure log (schema only)', ...disclosureLogTypeDefs };
  return listenOnAnyPort(
    await createSubgraphServer(module.definition, { store: opened.store, verifyToken: acceptAnyToken, production: false, authorization: false, extensions: [schemaOnly] }),
    opened,
  );
}
