import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import type { AgencyId } from '../../agencies';
import type { SubgraphExtension } from './extension';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The SDL an agency writes: `subgraphs/<agency>/schema.graphql`. */
export function subgraphSchemaFile(agency: AgencyId): string {
  return path.join(ROOT, 'subgraphs', agency, 'schema.graphql');
}

/**
 * The agency's SDL plus the shared `@sensitive` directive and `Category` enum, which every
 * subgraph declares identically (composition requires it) and so is kept in one file, plus the
 * shared statistics types (`schema/statistics.graphql`), on which each agency adds its own
 * figures, plus what each extension adds (the disclosure log's types and fields, generated for
 * the agency from one template).
 */
export function loadSubgraphTypeDefs(agency: AgencyId, extensions: readonly Pick<SubgraphExtension, 'typeDefs'>[]): DocumentNode {
  const own = fs.readFileSync(subgraphSchemaFile(agency), 'utf8');
  const shared = fs.readFileSync(path.join(ROOT, 'schema', 'sensitive.graphql'), 'utf8');
  const statistics = fs.readFileSync(path.join(ROOT, 'schema', 'statistics.graphql'), 'utf8');
  const ownDocument = parse(own);
  const added = extensions.map((extension) => extension.typeDefs?.(agency, ownDocument) ?? '');
  return parse([own, shared, ...added, statistics].join('\n'));
}
