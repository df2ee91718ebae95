import { buildSchema, parse } from 'graphql';
import { createQueryLimiter } from '../../gateway/queryLimits';

const schema = buildSchema(/* GraphQL */ `
  type Query { client(id: ID!): Client, cases(first: Int = 50): [Case!]! }
  type Client { id: ID!, displayName: String, cases: [Membership!] }
  type Membership { case: Case! }
  type Case { id: ID!, members: [Member!] }
  type Member { client: Client! }
`);
const limiter = createQueryLimiter({ maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxDirectives: 50, maxCost: 20_000 });
const shape = (query: string) => {
  const error = limiter.checkShape(schema, parse(query));
  return error && { code: error.extensions.code, message: error.message };
};
const cycle = (turns: number) => `{ client(id: "1") { ${'cases { case { members { client { '.repeat(turns)}id${' } } } }'.repeat(turns)} } }`;

describe('the gateway query limits', () => {
  it('passes the unified view and a query at the depth limit', () => {
    expect(shape('{ client(id: "1") { id displayName cases { case { id } } } }')).toBeUndefined();
    expect(shape(cycle(2))).toBeUndefined(); // depth 10
  });

  it('refuses a query deeper than the limit, fragments counted by what they select', () => {
    expect(shape(cycle(3))).toEqual({ code: 'QUERY_TOO_DEEP', message: 'Query depth limit of 12 exceeded, found 14.' });
    const viaFragments = `{ client(id: "1") { ...A } } fragment A on Client { cases { case { members { client { ...B } } } } } fragment B on Client { cases { case { members { client { ...C } } } } } fragment C on Client { cases { case { members { client { id } } } } }`;
    expect(shape(viaFragments)).toMatchObject({ code: 'QUERY_TOO_DEEP' });
  });

  it('counts every alias, __typename included', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect(shape(aliases(30))).toBeUndefined();
    expect(shape(aliases(31))).toEqual({ code: 'TOO_MANY_ALIASES', message: 'Aliases limit of 30 exceeded, found 31.' });
  });

  it('refuses more directives than the limit', () => {
    expect(shape(`{ __typename ${'@skip(if: false) '.repeat(51)}}`)).toMatchObject({ code: 'TOO_MANY_DIRECTIVES' });
  });

  it('estimates cost with the page size, clamped to the largest page the schema serves', () => {
    const page = (first: number) => `{ cases(first: ${first}) { id members { client { id displayName cases { case { id } } } } } }`;
    expect(shape(page(50))).toBeUndefined();
    expect(shape(page(500))).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    // A page size the owning subgraph refuses anyway costs no more than the largest one it serves.
    expect(shape('{ cases(first: 100000) { id } }')).toBeUndefined();
  });

  it('reports the deepest problem first when a query breaks several limits', () => {
    const both = `{ ${Array.from({ length: 31 }, (_, i) => `c${i}: client(id: "1") { id }`).join(' ')} x: ${cycle(4).slice(2, -2)} }`;
    expect(shape(both)).toMatchObject({ code: 'QUERY_TOO_DEEP' });
  });

  it('counts tokens without parsing, and stops counting at the limit', () => {
    expect(limiter.checkSize(`{ ${'__typename '.repeat(4998)}}`)).toBeUndefined();
    const huge = `{ ${'__typename '.repeat(1_000_000)}}`;
    const started = Date.now();
    expect(limiter.checkSize(huge)?.extensions.code).toBe('QUERY_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1000);
    // Comments are no tokens; a lexical error is left to the parser.
    expect(limiter.checkSize(`{ __typename } # ${'x '.repeat(100_000)}`)).toBeUndefined();
    expect(limiter.checkSize('{ "unterminated }')).toBeUndefined();
  });
});
