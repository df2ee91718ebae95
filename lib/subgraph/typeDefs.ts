import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import type { AgencyId } from '../agencies';
import { auditTypeDefs } from '../audit/auditSchema';

const ROOT = path.resolve(__dirname, '..', '..');

/** The SDL an agency writes: `subgraphs/<agency>/schema.graphql`. */
export function subgraphSchemaFile(agency: AgencyId): string {
  return path.join(ROOT, 'subgraphs', agency, 'schema.graphql');
}

/**
 * The agency's SDL plus the shared `@sensitive` directive and `Category` enum, which every
 * subgraph declares identically (composition requires it) and so is kept in one file, plus the
 * disclosure log's types and fields, generated for the agency from one template, plus the shared
 * statistics types (`schema/statistics.graphql`), on which each agency adds its own figures.
 */
export function loadSubgraphTypeDefs(agency: AgencyId): DocumentNode {
  const own = fs.readFileSync(subgraphSchemaFile(agency), 'utf8');
  const shared = fs.readFileSync(path.join(ROOT, 'schema', 'sensitive.graphql'), 'utf8');
  const audit = auditTypeDefs(agency, parse(own));
  const statistics = fs.readFileSync(path.join(ROOT, 'schema', 'statistics.graphql'), 'utf8');
  return parse(`${own}\n${shared}\n${audit}\n${statistics}`);
}
