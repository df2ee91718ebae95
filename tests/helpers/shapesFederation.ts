import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { AgencyId } from '../../lib/agencies';
import type { TokenVerifier } from '../../lib/auth/tokens';
import { createGraphQLHandler, type GraphQLHandler } from '../../lib/http/graphqlHttpServer';
import { isRole, type Viewer } from '../../lib/viewer';
import { isAgencyId } from '../../lib/agencies';
import { createGatewayServer, type GatewayServer } from '../../gateway/server';
import { inProcessTransport, inProcessUrl } from './inProcess';

/**
 * A small federation with the shapes OneRoof's own supergraph lacks (an interface whose
 * implementations carry different labels, a union, an entity spread over two subgraphs), behind
 * the real gateway (token, operation filter, planner, withheld-field answers) joined in process.
 * For properties of the gateway's answers whatever the schema's shape; the subgraphs here make no
 * decisions of their own.
 */

const CATEGORY = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'sensitive.graphql'), 'utf8');
const HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective", "@shareable"])
  @link(url: "https://oneroof.dev/sensitive/v1.0", import: ["@sensitive"])
  @composeDirective(name: "@sensitive")`;

export const SHAPES_SDL: Partial<Record<AgencyId, string>> = {
  fjc: /* GraphQL */ `${HEADER}
type Query { records: [Record!]! search: [Result!]! record: Record }
interface Record { id: ID! note: String meta: Meta owner: Person }
type Book implements Record @key(fields: "id") {
  id: ID! note: String @sensitive(category: HEALTH) meta: Meta @sensitive(category: CONTACT) owner: Person title: String @sensitive(category: IDENTITY)
}
type Film implements Record @key(fields: "id") {
  id: ID! note: String @sensitive(category: INVOLVEMENT) meta: Meta owner: Person title: String @sensitive(category: SAFETY)
}
type Meta { a: String @sensitive(category: IDENTITY) b: String @sensitive(category: JUSTICE) c: Int }
type Person @key(fields: "id") { id: ID! name: String @sensitive(category: IDENTITY) phone: String @sensitive(category: CONTACT) }
union Result = Book | Film | Person
${CATEGORY}`,
  police: /* GraphQL */ `${HEADER}
type Person @key(fields: "id") { id: ID! police: PoliceInfo }
type PoliceInfo { level: String @sensitive(category: SAFETY) orders: [String!] @sensitive(category: JUSTICE) }
${CATEGORY}`,
};

const person = { id: 'P1', name: 'Anna Peeters', phone: '+32 3 000 00 00' };
const meta = (n: number) => ({ a: `a${n}`, b: `b${n}`, c: n });
const records = [
  { __typename: 'Book', id: 'B1', note: 'book note', meta: meta(1), owner: person, title: 'Book one' },
  { __typename: 'Film', id: 'F1', note: 'film note', meta: meta(2), owner: person, title: 'Film one' },
  { __typename: 'Book', id: 'B2', note: null, meta: null, owner: null, title: 'Book two' },
];

const RESOLVERS: Partial<Record<AgencyId, Record<string, unknown>>> = {
  fjc: {
    Query: { records: () => records, search: () => [records[0], person, records[1]], record: () => records[1] },
    Record: { __resolveType: (value: { __typename: string }) => value.__typename },
    Result: { __resolveType: (value: { __typename?: string }) => value.__typename ?? 'Person' },
  },
  police: {
    Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, police: { level: 'HIGH', orders: ['BO-1', 'BO-2'] } }) },
  },
};

/** Tokens of this federation: the viewer itself, base64url JSON (the subject here is the answer's shape, not authentication). */
export const shapesToken = (viewer: Viewer): string => Buffer.from(JSON.stringify(viewer)).toString('base64url');

const verifyToken: TokenVerifier = async (token) => {
  const viewer = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Viewer;
  if (!isAgencyId(viewer.agency) || !viewer.roles.every(isRole)) throw new Error('bad test token');
  return viewer;
};

async function subgraphHandler(agency: AgencyId): Promise<GraphQLHandler> {
  const apollo = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(SHAPES_SDL[agency]!), resolvers: RESOLVERS[agency] as never }) });
  await apollo.start();
  return createGraphQLHandler({ apollo, context: async () => ({}) });
}

/** The shapes federation behind the real gateway, in process. */
export async function startShapesFederation(): Promise<{ gateway: GatewayServer; supergraphSdl: string }> {
  const composed = composeServices(
    (['fjc', 'police'] as const).map((name) => ({ name, url: inProcessUrl(name), typeDefs: parse(SHAPES_SDL[name]!) })),
  );
  if (composed.errors || !composed.supergraphSdl) throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
  const handlers = { fjc: await subgraphHandler('fjc'), police: await subgraphHandler('police') };
  const gateway = await createGatewayServer({
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: { fjc: inProcessUrl('fjc'), police: inProcessUrl('police') } as Record<AgencyId, string>,
    verifyToken,
    production: false,
    transport: inProcessTransport(handlers),
  });
  return { gateway, supergraphSdl: composed.supergraphSdl };
}
