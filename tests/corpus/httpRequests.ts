import { answered, gql, refused, type CorpusCase, type CorpusRequest } from './types';

const OK_QUERY = JSON.stringify({ query: '{ __typename }' });
const json = (body: string | Buffer, extra: CorpusRequest = {}): CorpusRequest => ({ ...extra, body });
const typed = (contentType: string, body: string | Buffer = OK_QUERY): CorpusRequest => ({ body, headers: { 'content-type': contentType } });
const badRequest = refused(400, 'BAD_REQUEST');
const tooLarge = refused(413, 'PAYLOAD_TOO_LARGE');
const notFound = refused(404, 'NOT_FOUND');
const notAllowed = refused(405, 'METHOD_NOT_ALLOWED');
const preflight = { 'apollo-require-preflight': 'true' };
const apqRefused = refused(200, 'PERSISTED_QUERY_NOT_SUPPORTED');

/** Bodies that are not JSON at all, sent as `application/json`. */
const invalidJson: CorpusCase[] = [
  { name: 'a truncated JSON object', request: json('{"query": '), expect: badRequest },
  { name: 'a trailing comma', request: json('{"query": "{ __typename }",}'), expect: badRequest },
  { name: 'single-quoted JSON', request: json("{'query': '{ __typename }'}"), expect: badRequest },
  { name: 'an unquoted key', request: json('{query: "{ __typename }"}'), expect: badRequest },
  { name: 'NaN as a value', request: json('{"query": NaN}'), expect: badRequest },
  { name: 'a JavaScript comment before the JSON', request: json('// hi\n{"query": "{ __typename }"}'), expect: badRequest },
  { name: 'two JSON objects back to back', request: json(`${OK_QUERY}${OK_QUERY}`), expect: badRequest },
  { name: 'JSON behind a byte-order mark', request: json(`\uFEFF${OK_QUERY}`), expect: badRequest },
  { name: 'a body of whitespace only', request: json('   \n\t  '), expect: badRequest },
  { name: 'an empty body', request: json(''), expect: badRequest },
  { name: 'an unterminated JSON string', request: json('{"query": "{ __typename }'), expect: badRequest },
  { name: 'an invalid JSON escape', request: json('{"query": "\\x41"}'), expect: badRequest },
  { name: 'a raw control character inside a JSON string', request: json('{"query": "{ __type\u0001name }"}'), expect: badRequest },
  { name: 'XML sent as JSON', request: json('<query>{ __typename }</query>'), expect: badRequest },
  { name: 'a form body sent as JSON', request: json('query=%7B__typename%7D'), expect: badRequest },
  { name: 'bytes that are no UTF-8 at all', request: json(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28])), expect: badRequest },
  { name: 'UTF-16 JSON declared as such', request: typed('application/json; charset=utf-16', Buffer.from(OK_QUERY, 'utf16le')), expect: badRequest },
  { name: 'a JSON number larger than any double', request: json('{"query": 1e999}'), expect: badRequest },
];

/** Valid JSON that is no GraphQL request. */
const badShapes: CorpusCase[] = [
  { name: 'a JSON null body', request: json('null'), expect: badRequest },
  { name: 'a JSON string body', request: json('"{ __typename }"'), expect: badRequest },
  { name: 'a JSON number body', request: json('42'), expect: badRequest },
  { name: 'a JSON true body', request: json('true'), expect: badRequest },
  { name: 'an empty JSON object', request: json('{}'), expect: badRequest },
  { name: 'a null query', request: { json: { query: null } }, expect: badRequest },
  { name: 'an empty query', request: { json: { query: '' } }, expect: badRequest },
  { name: 'a query that is a number', request: { json: { query: 42 } }, expect: badRequest },
  { name: 'a query that is an array', request: { json: { query: ['{ __typename }'] } }, expect: badRequest },
  { name: 'a query that is a pre-parsed AST', request: { json: { query: { kind: 'Document', definitions: [] } } }, expect: badRequest },
  { name: 'variables that are a string', request: { json: { query: '{ __typename }', variables: '{"id": 1}' } }, expect: badRequest },
  { name: 'variables that are an array', request: { json: { query: '{ __typename }', variables: [1, 2] } }, expect: badRequest },
  { name: 'an operation name that is a number', request: { json: { query: '{ __typename }', operationName: 42 } }, expect: badRequest },
  { name: 'extensions that are a string', request: { json: { query: '{ __typename }', extensions: 'yes' } }, expect: badRequest },
  // Apollo's persisted-query protocol answers 200 with its own code; nothing is executed.
  { name: 'a persisted-query hash instead of a query', request: { json: { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } } }, expect: apqRefused },
  { name: 'a persisted-query hash beside a query', request: { json: { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } } }, expect: apqRefused },
  { name: 'a batch of two operations', request: { json: [{ query: '{ __typename }' }, { query: '{ __typename }' }] }, expect: badRequest },
  { name: 'an empty batch', request: { json: [] }, expect: badRequest },
  { name: 'a batch of a thousand operations', request: { json: Array.from({ length: 1000 }, () => ({ query: '{ __typename }' })) }, expect: badRequest },
  { name: 'JSON nested fifty thousand arrays deep', request: json(`${'['.repeat(50_000)}${']'.repeat(50_000)}`), expect: badRequest },
];

/** Content types and methods the endpoint does not take, and paths it does not serve. */
const wrongTransport: CorpusCase[] = [
  { name: 'text/plain (a cross-site form could send it)', request: typed('text/plain'), expect: badRequest },
  { name: 'a urlencoded form', request: typed('application/x-www-form-urlencoded', 'query=%7B__typename%7D'), expect: badRequest },
  { name: 'multipart/form-data', request: typed('multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--`), expect: badRequest },
  { name: 'application/xml', request: typed('application/xml'), expect: badRequest },
  { name: 'application/graphql', request: typed('application/graphql', '{ __typename }'), expect: badRequest },
  { name: 'text/html', request: typed('text/html'), expect: badRequest },
  { name: 'no content type at all', request: typed(''), expect: badRequest },
  { name: 'a JSON content type in capitals (media types are case-insensitive)', request: typed('APPLICATION/JSON; CHARSET=UTF-8'), expect: answered },
  { name: 'a made-up content type', request: typed('application/x-oneroof-please'), expect: badRequest },
  { name: 'PUT', request: { method: 'PUT', body: OK_QUERY }, expect: notAllowed },
  { name: 'DELETE', request: { method: 'DELETE' }, expect: notAllowed },
  { name: 'PATCH', request: { method: 'PATCH', body: OK_QUERY }, expect: notAllowed },
  { name: 'OPTIONS', request: { method: 'OPTIONS' }, expect: notAllowed },
  { name: 'a GET without the CSRF preflight header', request: { method: 'GET', path: '/graphql?query=%7B__typename%7D' }, expect: badRequest },
  { name: 'a GET without a query', request: { method: 'GET', path: '/graphql', headers: preflight }, expect: badRequest },
  { name: 'a mutation over GET', request: { method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { revokeConsent(id: "x", reason: "because I can") { id } }')}`, headers: preflight }, expect: refused(405, 'BAD_REQUEST') },
  { name: '400 client ids with every file over GET, the ids in the variables parameter', request: { method: 'GET', path: `/graphql?query=${encodeURIComponent(`query ($ids: [ID!]!) { clients(ids: $ids) { id displayName cases { case { id members { client { id police { involved } } } } } } }`)}&variables=${encodeURIComponent(JSON.stringify({ ids: Array.from({ length: 400 }, (_, i) => `FJC-${String(i + 1).padStart(6, '0')}`) }))}`, headers: preflight }, expect: refused(400, 'QUERY_TOO_COMPLEX') },
  { name: 'a depth bomb over GET', request: { method: 'GET', path: `/graphql?query=${encodeURIComponent(`{ ${'a { '.repeat(40)}b${' }'.repeat(40)} }`)}`, headers: preflight }, expect: refused(400, 'QUERY_TOO_DEEP') },
  { name: 'a path with a trailing slash', request: { path: '/graphql/', body: OK_QUERY }, expect: notFound },
  { name: 'a path in capitals', request: { path: '/GRAPHQL', body: OK_QUERY }, expect: notFound },
  { name: 'a path traversal', request: { path: '/graphql/../../etc/passwd', body: OK_QUERY }, expect: notFound },
  { name: 'a path with an encoded NUL', request: { path: '/graphql%00', body: OK_QUERY }, expect: notFound },
  { name: 'an admin path that does not exist', request: { path: '/admin', body: OK_QUERY }, expect: notFound },
  { name: 'a POST to the health route', request: { path: '/health', body: OK_QUERY }, expect: notFound },
  { name: 'a path of eight thousand characters', request: { path: `/${'a'.repeat(8000)}`, body: OK_QUERY }, expect: notFound },
  // Targets Node accepts but that are no URL: once, their parsing threw in a request listener and stopped the gateway.
  { name: 'a GET of a target that is no URL', request: { method: 'GET', path: '//[' }, expect: badRequest },
  { name: 'a POST to a target that is no URL', request: { path: '//[', body: OK_QUERY }, expect: badRequest },
  { name: 'an OPTIONS of a target that is no URL', request: { method: 'OPTIONS', path: '//[/graphql' }, expect: badRequest },
];

const padded = (bytes: number) => JSON.stringify({ query: `{ __typename } #${'x'.repeat(bytes)}` });

/** Bodies over the 256 KiB limit, declared or streamed, and large ones under it. */
const hugeBodies: CorpusCase[] = [
  { name: 'a 300 KB body', request: json(padded(300_000)), expect: tooLarge },
  { name: 'a 2 MB body', request: json(padded(2_000_000)), expect: tooLarge },
  { name: 'a 300 KB body streamed without a length', request: { ...json(padded(300_000)), chunked: true }, expect: tooLarge },
  { name: 'a declared 10 GB body', request: { body: OK_QUERY, headers: { 'content-length': '10000000000' } }, expect: tooLarge },
  { name: 'a 300 KB string variable', request: gql('query ($id: ID!) { client(id: $id) { id } }', { id: 'x'.repeat(300_000) }), expect: tooLarge },
  { name: 'a 200 KB comment under the limit', request: json(padded(200_000)), expect: answered },
  { name: 'fifty thousand __typename tokens under the byte limit', request: gql(`{ ${'__typename '.repeat(20_000)} }`), expect: refused(400, 'QUERY_TOO_LARGE') },
  { name: 'ten thousand client ids in one variable (each id counted in the cost)', request: gql('query ($ids: [ID!]!) { clients(ids: $ids) { id } }', { ids: Array.from({ length: 10_000 }, (_, i) => `FJC-${String(i).padStart(6, '0')}`) }), expect: refused(400, 'QUERY_TOO_COMPLEX') },
  { name: 'six hundred client ids in one variable (within the cost, over what the FJC serves)', request: gql('query ($ids: [ID!]!) { clients(ids: $ids) { id } }', { ids: Array.from({ length: 600 }, (_, i) => `FJC-${String(i).padStart(6, '0')}`) }), expect: refused(200, 'BAD_USER_INPUT') },
];

export const HTTP_CASES: CorpusCase[] = [...invalidJson, ...badShapes, ...wrongTransport, ...hugeBodies];
