import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import type { AgencyId } from '../agencies';

const ROOT = path.resolve(__dirname, '..', '..');

/** The SDL an agency writes: `subgraphs/<agency>/schema.graphql`. */
export function subgraphSchemaFile(agency: AgencyId): string {
  return path.join(ROOT, 'subgraphs', agency, 'schema.graphql');
}

/**
 * The agency's SDL plus the shared `@sensitive` directive and `Category` enum, which every
 * subgraph declares identically (composition requires it) and so is kept in one file.
 */
export function loadSubgraphTypeDefs(agency: AgencyId): DocumentNode {
  const own = fs.readFileSync(subgraphSchemaFile(agency), 'utf8');
  const shared = fs.readFileSync(path.join(ROOT, 'schema', 'sensitive.graphql'), 'utf8');
  return parse(`${own}\n${shared}`);
}
