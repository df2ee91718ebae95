import { FILE_FIELDS, PARTNER_AGENCIES } from '../../lib/agencies';
import { answered, CLIENT, gql, refused, type CorpusCase } from './types';

const deep = refused(400, 'QUERY_TOO_DEEP');
const aliases = refused(400, 'TOO_MANY_ALIASES');
const directives = refused(400, 'TOO_MANY_DIRECTIVES');
const tokens = refused(400, 'QUERY_TOO_LARGE');
const costly = refused(400, 'QUERY_TOO_COMPLEX');
const invalid = refused(400, 'GRAPHQL_VALIDATION_FAILED');
const syntax = refused(400, 'GRAPHQL_PARSE_FAILED');
const unresolved = refused(400, 'OPERATION_RESOLUTION_FAILURE');

const FILES = PARTNER_AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { involved }`).join(' ');
const times = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');
const nest = (depth: number, field = 'a') => `${`${field} { `.repeat(depth - 1)}${field}${' }'.repeat(depth - 1)}`;
/** The schema's own cycle: client -> cases -> case -> members -> client, four levels a turn. */
const cycle = (turns: number) => `{ client(id: "${CLIENT}") { ${'cases { case { members { client { '.repeat(turns)}id${' } } } }'.repeat(turns)} } }`;
/** Named fragments each adding one level. */
const fragmentChain = (length: number) =>
  `{ client(id: "${CLIENT}") { ...F0 } } ${times(length, (i) => `fragment F${i} on Client { cases { case { members { client { ${i + 1 < length ? `...F${i + 1}` : 'id'} } } } } }`)}`;

const depth: CorpusCase[] = [
  { name: 'the schema cycle three turns deep (depth 14)', request: gql(cycle(3)), expect: deep },
  { name: 'the schema cycle six turns deep', request: gql(cycle(6)), expect: deep },
  { name: 'the schema cycle twenty turns deep', request: gql(cycle(20)), expect: deep },
  { name: 'the schema cycle through a chain of named fragments', request: gql(fragmentChain(4)), expect: deep },
  { name: 'the schema cycle through nested inline fragments', request: gql(`{ client(id: "${CLIENT}") { ${'... on Client { cases { case { members { client { '.repeat(4)}id${' } } } } }'.repeat(4)} } }`), expect: deep },
  { name: 'unknown fields nested 13 deep', request: gql(`{ ${nest(13)} }`), expect: deep },
  { name: 'unknown fields nested 100 deep', request: gql(`{ ${nest(100)} }`), expect: deep },
  { name: 'unknown fields nested 1500 deep', request: gql(`{ ${nest(1500)} }`), expect: deep },
  { name: 'a deep query hidden in the second of two operations', request: gql(`query A { __typename } query B { ${nest(20)} }`, undefined, {}), expect: deep },
  { name: 'the schema cycle two turns deep, at the limit', request: gql(cycle(2)), expect: answered },
  { name: 'a list literal nested 1500 deep in an argument', request: gql(`{ client(id: ${'['.repeat(1500)}1${']'.repeat(1500)}) { id } }`), expect: invalid },
  { name: 'an object literal nested 1000 deep in an argument', request: gql(`{ client(id: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}) { id } }`), expect: invalid },
];

const aliasBombs: CorpusCase[] = [
  { name: '31 aliases of __typename', request: gql(`{ ${times(31, (i) => `t${i}: __typename`)} }`), expect: aliases },
  { name: '31 aliased client lookups', request: gql(`{ ${times(31, (i) => `c${i}: client(id: "${CLIENT}") { id }`)} }`), expect: aliases },
  { name: 'three hundred aliased client lookups', request: gql(`{ ${times(300, (i) => `c${i}: client(id: "${CLIENT}") { id }`)} }`), expect: aliases },
  { name: '40 aliased agency files on one client', request: gql(`{ client(id: "${CLIENT}") { ${times(40, (i) => `p${i}: police { involved }`)} } }`), expect: aliases },
  { name: 'ten aliases in a fragment spread four times', request: gql(`{ a: client(id: "${CLIENT}") { ...X } b: client(id: "${CLIENT}") { ...X } c: client(id: "${CLIENT}") { ...X } d: client(id: "${CLIENT}") { ...X } } fragment X on Client { ${times(10, (i) => `x${i}: id`)} }`), expect: aliases },
  { name: 'six aliases on each of six levels', request: gql(`{ client(id: "${CLIENT}") { ${times(6, (i) => `c${i}: cases { ${times(6, (j) => `k${j}: case { id }`)} }`)} } }`), expect: aliases },
  { name: 'exactly 30 aliases, at the limit', request: gql(`{ ${times(30, (i) => `t${i}: __typename`)} }`), expect: answered },
  { name: 'an alias that shadows another field name', request: gql(`{ client(id: "${CLIENT}") { id: displayName } }`), expect: answered },
  { name: 'two aliases that collide on different fields', request: gql(`{ client(id: "${CLIENT}") { x: id x: displayName } }`), expect: invalid },
];

const directiveBombs: CorpusCase[] = [
  { name: '51 @include on one field', request: gql(`{ __typename ${'@include(if: true) '.repeat(51)}}`), expect: directives },
  { name: '60 fields with one @skip each', request: gql(`{ ${times(60, () => '__typename @skip(if: false)')} }`), expect: directives },
  { name: 'five hundred directives on one field', request: gql(`{ __typename ${'@skip(if: false) '.repeat(500)}}`), expect: directives },
  { name: 'an unknown directive', request: gql('{ __typename @admin }'), expect: invalid },
  { name: '@skip with a string condition', request: gql('{ __typename @skip(if: "yes") }'), expect: invalid },
  { name: '@include without its argument', request: gql('{ __typename @include }'), expect: invalid },
  { name: '@skip on the operation itself', request: gql('query Q @skip(if: true) { __typename }'), expect: invalid },
  { name: '@defer, which this gateway does not serve', request: gql(`{ client(id: "${CLIENT}") { ... @defer { displayName } } }`), expect: invalid },
  { name: 'the schema-only @sensitive directive in a query', request: gql(`{ client(id: "${CLIENT}") { id @sensitive(category: HEALTH) } }`), expect: invalid },
];

const sizeAndCost: CorpusCase[] = [
  { name: '5001 tokens', request: gql(`{ ${'__typename '.repeat(4999)}}`), expect: tokens },
  { name: 'a list literal of six thousand items', request: gql(`{ clients(ids: [${'"x", '.repeat(6000)}]) { id } }`), expect: tokens },
  { name: 'two thousand operations in one document', request: gql(times(2000, (i) => `query Q${i} { __typename }`)), expect: tokens },
  { name: 'three thousand variable definitions', request: gql(`query (${times(3000, (i) => `$v${i}: ID`)}) { __typename }`), expect: tokens },
  { name: 'the same scalar field 4900 times', request: gql(`{ client(id: "${CLIENT}") { ${'id '.repeat(4900)}} }`), expect: invalid },
  { name: 'the same agency file 1200 times', request: gql(`{ client(id: "${CLIENT}") { ${'police { involved } '.repeat(1200)}} }`), expect: invalid },
  { name: '500 cases with every member and every agency file', request: gql(`{ cases(first: 500) { id members { role client { id displayName ${FILES} } } } }`), expect: costly },
  { name: 'a hundred search results with every file twice over', request: gql(`{ searchClients(name: "an", first: 100) { id displayName cases { case { id members { role client { id displayName ${FILES} } } } } } }`), expect: costly },
  { name: 'a fragment bomb: thirty fragments, each spreading the next twice', request: gql(`{ client(id: "${CLIENT}") { ...B0 } } ${times(30, (i) => `fragment B${i} on Client { ${i < 29 ? `...B${i + 1} ...B${i + 1}` : 'id'} }`)}`), expect: costly },
  { name: '500 cases with every member and every agency file, the page size in a variable', request: gql(`query ($n: Int) { cases(first: $n) { id members { role client { id displayName ${FILES} } } } }`, { n: 500 }), expect: costly },
  { name: 'search results with every file twice over, the page size left to its default (20)', request: gql(`{ searchClients(name: "an") { id displayName cases { case { id members { role client { id displayName cases { case { id members { role client { id ${FILES} } } } } } } } } } }`), expect: costly },
  { name: '300 client ids written out, with every file and every case', request: gql(`{ clients(ids: [${times(300, (i) => `"FJC-${String(i + 1).padStart(6, '0')}"`).replace(/ /g, ', ')}]) { id displayName cases { case { id members { client { id ${FILES} } } } } } }`), expect: costly },
  { name: 'a page size of two billion (clamped, then refused by the agency)', request: gql('{ cases(first: 2000000000) { id } }'), expect: refused(200, 'BAD_USER_INPUT') },
  { name: 'a page size beyond 32 bits', request: gql('{ cases(first: 99999999999) { id } }'), expect: invalid },
  { name: 'a negative page size', request: gql('{ searchClients(name: "an", first: -1) { id } }'), expect: refused(200, 'BAD_USER_INPUT') },
];

const fragmentCycles: CorpusCase[] = [
  { name: 'two fragments spreading each other', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { id ...B } fragment B on Client { displayName ...A }`), expect: invalid },
  { name: 'a fragment spreading itself', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { id ...A }`), expect: invalid },
  { name: 'a three-fragment cycle', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { ...B } fragment B on Client { ...C } fragment C on Client { ...A }`), expect: invalid },
  { name: 'a cycle through an inline fragment', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { ... on Client { ...A } }`), expect: invalid },
  { name: 'a fragment spreading itself a thousand times', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { ${'...A '.repeat(1000)}}`), expect: invalid },
  { name: 'a cycle across the schema cycle', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { cases { case { members { client { ...A } } } } }`), expect: invalid },
  { name: 'an unused fragment', request: gql(`{ __typename } fragment A on Client { id }`), expect: invalid },
  { name: 'a spread of an unknown fragment', request: gql(`{ client(id: "${CLIENT}") { ...Ghost } }`), expect: invalid },
  { name: 'a fragment on an unknown type', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Ghost { id }`), expect: invalid },
  { name: 'a fragment on a scalar', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on String { id }`), expect: invalid },
  { name: 'two fragments with the same name', request: gql(`{ client(id: "${CLIENT}") { ...A } } fragment A on Client { id } fragment A on Client { displayName }`), expect: invalid },
];

const unknownAndHidden: CorpusCase[] = [
  { name: 'an unknown root field', request: gql('{ allClients { id } }'), expect: invalid },
  { name: 'an unknown field of a client', request: gql(`{ client(id: "${CLIENT}") { socialSecurityNumber } }`), expect: invalid },
  { name: 'the hidden consent assertion field', request: gql(`{ client(id: "${CLIENT}") { accessAssertion } }`), expect: invalid },
  { name: 'the federation entities field', request: gql('{ _entities(representations: [{ __typename: "Client", id: "FJC-000002" }]) { __typename } }'), expect: invalid },
  { name: 'the federation service field', request: gql('{ _service { sdl } }'), expect: invalid },
  { name: 'an inline fragment on an unknown type', request: gql(`{ client(id: "${CLIENT}") { ... on Ghost { id } } }`), expect: invalid },
  { name: 'a variable of an unknown type', request: gql('query ($x: Ghost) { __typename }'), expect: invalid },
  { name: 'an unknown argument', request: gql(`{ client(id: "${CLIENT}", as: "admin") { id } }`), expect: invalid },
  { name: 'a missing required argument', request: gql('{ client { id } }'), expect: invalid },
  { name: 'a selection on a scalar', request: gql(`{ client(id: "${CLIENT}") { id { value } } }`), expect: invalid },
  { name: 'an object without a selection', request: gql(`{ client(id: "${CLIENT}") }`), expect: invalid },
  { name: 'a subscription, which this schema has none of', request: gql('subscription { __typename }'), expect: unresolved },
  { name: 'a subscription to an unknown field', request: gql('subscription { clientChanged { id } }'), expect: unresolved },
  { name: 'an unknown mutation', request: gql('mutation { deleteAllClients }'), expect: invalid },
  { name: 'a field of the wrong argument type', request: gql('{ client(id: true) { id } }'), expect: invalid },
  { name: 'an unused variable', request: gql('query ($x: ID) { __typename }'), expect: invalid },
  { name: 'an undefined variable', request: gql('{ client(id: $x) { id } }'), expect: invalid },
  { name: 'a variable used where another type is expected', request: gql('query ($x: Boolean!) { client(id: $x) { id } }', { x: true }), expect: invalid },
  { name: 'a variable default of the wrong type', request: gql('query ($x: ID! = {a: 1}) { client(id: $x) { id } }'), expect: invalid },
  { name: 'two anonymous operations', request: gql('{ __typename } { __typename }'), expect: invalid },
  { name: 'two operations with the same name', request: gql('query A { __typename } query A { __typename }', undefined), expect: invalid },
  { name: 'two operations and no operation name', request: gql('query A { __typename } query B { __typename }'), expect: unresolved },
  { name: 'an operation name that is not in the document', request: { json: { query: 'query A { __typename }', operationName: 'B' } }, expect: unresolved },
  { name: 'an operation name carrying an injection', request: { json: { query: 'query A { __typename }', operationName: "A' OR '1'='1" } }, expect: unresolved },
  { name: 'introspection of the federation internals', request: gql('{ __type(name: "join__Graph") { name } }'), expect: answered },
];

const syntaxErrors: CorpusCase[] = [
  { name: 'an unclosed selection', request: gql(`{ client(id: "${CLIENT}") { id `), expect: syntax },
  { name: 'an unclosed argument list', request: gql(`{ client(id: "${CLIENT}" { id } }`), expect: syntax },
  { name: 'a stray closing brace', request: gql(`{ client(id: "${CLIENT}") { id } } }`), expect: syntax },
  { name: 'a name starting with a digit', request: gql('{ 1client }'), expect: syntax },
  { name: 'an unterminated string', request: gql('{ client(id: "FJC-000002) { id } }'), expect: syntax },
  { name: 'an invalid string escape', request: gql('{ client(id: "\\q") { id } }'), expect: syntax },
  { name: 'an unterminated block string', request: gql('{ client(id: """FJC) { id } }'), expect: syntax },
  { name: 'a lone dollar sign', request: gql('{ client(id: $) { id } }'), expect: syntax },
  { name: 'a keyword salad', request: gql('query query query'), expect: syntax },
  { name: 'a NUL character in the document', request: gql('{ __typ\u0000ename }'), expect: syntax },
  { name: 'a lone surrogate escape in a string', request: gql('{ client(id: "\\uD800") { id } }'), expect: syntax },
  { name: 'a raw bell character in a string (legal since GraphQL 2021: only data)', request: gql('{ client(id: "FJC\u0007") { id } }'), expect: answered },
  { name: 'a raw bell character outside a string', request: gql('{ __typename \u0007 }'), expect: syntax },
  { name: 'a document of one comment', request: gql('# nothing to see'), expect: syntax },
  { name: 'a document of whitespace', request: gql('   '), expect: syntax },
  { name: 'JSON where GraphQL belongs', request: gql('{"client": {"id": 1}}'), expect: syntax },
  { name: 'SQL where GraphQL belongs', request: gql('SELECT * FROM clients'), expect: syntax },
  { name: 'a GraphQL injection closing the string early', request: gql('{ client(id: "x") { id } }") { id } evil: client(id: "y") { id } }'), expect: syntax },
];

export const QUERY_CASES: CorpusCase[] = [...depth, ...aliasBombs, ...directiveBombs, ...sizeAndCost, ...fragmentCycles, ...unknownAndHidden, ...syntaxErrors];
