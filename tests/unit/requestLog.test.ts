import { createHash } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { noteSubgraphCall, requestLogPlugin } from '../../gateway/requestLog';
import { setLogSink } from '../../lib/log';
import type { RequestContext } from '../../lib/viewer';

const typeDefs = /* GraphQL */ `
  type Query { client(id: ID!): Client }
  type Client { id: ID! name: String risk: String }
`;

/** Stands in for the gateway: each resolver "calls" an agency the way the data source reports it. */
const resolvers = {
  Query: {
    client: (_: unknown, args: { id: string }, context: RequestContext) => {
      noteSubgraphCall(context, 'fjc');
      return { id: args.id, name: 'Secret Name' };
    },
  },
  Client: {
    risk: (_: unknown, __: unknown, context: RequestContext) => {
      noteSubgraphCall(context, 'police');
      noteSubgraphCall(context, 'police');
      throw new GraphQLError('This field is withheld.', { extensions: { code: 'CONSENT_REQUIRED' } });
    },
  },
};

const context = (): RequestContext => ({
  viewer: { sub: 'police-staff-1', name: 'Officer One', agency: 'police', roles: ['CASE_MANAGER', 'AGENCY_STAFF'] },
  purpose: 'CASE_MANAGEMENT',
  requestId: 'req-log-1',
  token: 'secret-token',
});

describe('the gateway request log', () => {
  const server = new ApolloServer<RequestContext>({ typeDefs, resolvers, plugins: [requestLogPlugin()] });
  let lines: string[];

  beforeAll(() => server.start());
  beforeEach(() => {
    lines = [];
    setLogSink((line) => lines.push(line));
  });
  afterEach(() => setLogSink(null));
  afterAll(() => server.stop());

  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.message === 'gateway request');

  it('writes one line per request: who, why, which operation and agencies, how it ended, how long; no values', async () => {
    const query = 'query View($id: ID!) { client(id: $id) { name risk } }';
    await server.executeOperation({ query, variables: { id: 'FJC-000042' }, operationName: 'View' }, { contextValue: context() });
    expect(entries()).toEqual([{
      time: expect.any(String),
      level: 'info',
      message: 'gateway request',
      requestId: 'req-log-1',
      viewerSub: 'police-staff-1',
      viewerAgency: 'police',
      viewerRoles: ['AGENCY_STAFF', 'CASE_MANAGER'],
      purpose: 'CASE_MANAGEMENT',
      operationName: 'View',
      operationHash: createHash('sha256').update(query).digest('hex'),
      subgraphs: { fjc: 1, police: 2 },
      outcome: 'errors',
      errorCodes: ['CONSENT_REQUIRED'],
      status: 200,
      durationMs: expect.any(Number),
    }]);
    expect(lines.join('\n')).not.toMatch(/FJC-000042|Secret Name|secret-token|Officer One/);
  });

  it('tells a clean answer from a refused one', async () => {
    await server.executeOperation({ query: '{ client(id: "x") { name } }' }, { contextValue: context() });
    await server.executeOperation({ query: '{ client(id: "x") { nope } }' }, { contextValue: context() });
    expect(entries().map((e) => [e.outcome, e.errorCodes, e.subgraphs, e.operationName])).toEqual([
      ['ok', [], { fjc: 1 }, undefined],
      ['refused', ['GRAPHQL_VALIDATION_FAILED'], {}, undefined],
    ]);
  });

  it('logs a request refused before it had a context, without a viewer', async () => {
    const refusing = new ApolloServer<RequestContext>({ typeDefs, resolvers, plugins: [requestLogPlugin()] });
    await refusing.start();
    const unauthenticated = new GraphQLError('Authentication required.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    await refusing.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: '{ client(id: "x") { name } }' } },
      context: () => Promise.reject(unauthenticated),
    });
    await refusing.stop();
    expect(entries()).toEqual([{ time: expect.any(String), level: 'info', message: 'gateway request', outcome: 'refused', errorCodes: ['UNAUTHENTICATED'] }]);
  });

  it('ignores calls noted for a context it does not know', () => {
    expect(() => noteSubgraphCall({}, 'police')).not.toThrow();
    expect(() => noteSubgraphCall(undefined, 'police')).not.toThrow();
  });
});
