import { buildSchema, parse } from 'graphql';
import { createQueryLimiter } from '../../gateway/queryLimits';

const schema = buildSchema(/* GraphQL */ `
  type Query { client(id: ID!): Client, clients(ids: [ID!]!): [Client]!, cases(first: Int = 50): [Case!]!, search(first: Int = 20): [Client!]! }
  type Client { id: ID!, displayName: String, cases: [Membership!] }
  type Membership { case: Case! }
  type Case { id: ID!, members: [Member!] }
  type Member { client: Client! }
`);
const limiter = createQueryLimiter({ maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxDirectives: 50, maxCost: 20_000 });
const shape = (query: string, variables?: Record<string, unknown>) => {
  const error = limiter.checkShape(schema, parse(query), variables);
  return error && { code: error.extensions.code, message: error.message };
};
const costOf = (query: string, variables?: Record<string, unknown>) => {
  const tight = createQueryLimiter({ maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxDirectives: 50, maxCost: 1 });
  const found = /found (\d+(\.\d+)?)/.exec(tight.checkShape(schema, parse(query), variables)?.message ?? '');
  return found ? Number(found[1]) : undefined;
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

  it('multiplies by the length of a list argument, as by a page size', () => {
    const ids = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `FJC-${i}`));
    const selection = '{ id displayName cases { case { id } } }';
    const one = costOf(`{ client(id: "1") ${selection} }`)!;
    expect(costOf(`{ clients(ids: ${ids(1)}) ${selection} }`)).toBe(one);
    expect(costOf(`{ clients(ids: ${ids(500)}) ${selection} }`)).toBe(500 * one);
    expect(shape(`{ clients(ids: ${ids(500)}) { id cases { case { id members { client { id displayName } } } } } }`)).toEqual({
      code: 'QUERY_TOO_COMPLEX', message: 'Query Cost limit of 20000 exceeded, found 23218.75.',
    });
  });

  it('reports the cost of a refused document as a number, a fractional one too, and of an accepted one', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `FJC-${i}`);
    const query = parse('query($ids: [ID!]!) { clients(ids: $ids) { id cases { case { id members { client { id displayName } } } } } }');
    const refused = limiter.estimateCost(schema, query, { ids: ids(500) });
    expect({ cost: refused.cost, code: refused.refusal?.extensions.code }).toEqual({ cost: 23218.75, code: 'QUERY_TOO_COMPLEX' });
    expect(limiter.estimateCost(schema, query, { ids: ids(2) })).toEqual({ cost: 23218.75 / 250 });
  });

  it('reads a list or a page size given in a variable, or left to its default', () => {
    const selection = '{ id displayName }';
    const one = costOf(`{ client(id: "1") ${selection} }`)!;
    const ids = Array.from({ length: 300 }, (_, i) => `FJC-${i}`);
    expect(costOf(`query($ids: [ID!]!) { clients(ids: $ids) ${selection} }`, { ids })).toBe(300 * one);
    expect(costOf(`query($ids: [ID!]! = ["a", "b"]) { clients(ids: $ids) ${selection} }`, {})).toBe(2 * one);
    expect(costOf(`query($n: Int) { search(first: $n) ${selection} }`, { n: 70 })).toBe(70 * one);
    expect(costOf(`query($n: Int) { search(first: $n) ${selection} }`, { n: 100_000 })).toBe(500 * one);
    expect(costOf(`{ search ${selection} }`)).toBe(20 * one);
    expect(costOf(`{ search(first: 3) ${selection} }`)).toBe(3 * one);
    // Whatever a variable holds that is no list or page size counts once, as the owning agency refuses it.
    expect(costOf(`query($ids: [ID!]!) { clients(ids: $ids) ${selection} }`, { ids: 'FJC-1' })).toBe(one);
    expect(costOf(`query($n: Int) { search(first: $n) ${selection} }`, { n: 'many' })).toBe(one);
  });

  it('names the variables the cost depends on, so a text without them is costed once', () => {
    expect(limiter.costVariables(schema, parse('query($ids: [ID!]!, $id: ID!, $n: Int) { clients(ids: $ids) { id } client(id: $id) { id } search(first: $n) { id } }'))).toEqual(['ids', 'n']);
    expect(limiter.costVariables(schema, parse('query($id: ID!) { client(id: $id) { id cases { case { id } } } }'))).toEqual([]);
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
