import { answered, CLIENT, gql, refused, type CorpusCase, type CorpusRequest, type TokenName } from './types';

const QUERY = `{ client(id: "${CLIENT}") { id displayName police { involved } } }`;
const unauthenticated = refused(401, 'UNAUTHENTICATED');
const purposeRequired = refused(400, 'PURPOSE_REQUIRED');
const headersTooLarge = refused(431, 'HEADERS_TOO_LARGE');
const malformedBasis = refused(400, 'INVALID_BASIS');
const ask = (extra: Omit<CorpusRequest, 'json'>) => gql(QUERY, undefined, extra);

const FORGED: [TokenName, string][] = [
  ['expired', 'an expired token'],
  ['notYetValid', 'a token not valid for another hour'],
  ['wrongAudience', 'a token for another application'],
  ['wrongIssuer', 'a token naming another issuer'],
  ['foreignKey', "a token signed with an attacker's key under the issuer's key id"],
  ['symmetric', 'a token signed HS256 with a guessable secret'],
  ['unsigned', 'an unsigned token (alg none)'],
  ['unknownAgency', 'a token of an agency that does not exist'],
  ['noRoles', 'a token without roles'],
  ['unknownRole', 'a token with a made-up role'],
  ['noSub', 'a token without a subject'],
  ['noExpiry', 'a token that never expires'],
  ['tamperedClaims', 'a token whose claims were edited after signing'],
  ['tamperedHeader', 'a token whose header was switched to HS256'],
  ['strippedSignature', 'a token with its signature removed'],
  ['noIssuedAt', 'a token without an issue time'],
  ['issuedInTenYears', 'a token issued ten years from now'],
  ['expiresInTenYears', 'a token that expires in ten years'],
  ['expiresAt1e300', 'a token that expires at 1e300'],
  ['fiveHourLifetime', 'a token that lives five hours, over the four-hour maximum'],
];

const tokens: CorpusCase[] = [
  { name: 'no Authorization header', request: ask({ auth: null }), expect: unauthenticated },
  { name: 'an empty Authorization header', request: ask({ auth: () => '' }), expect: unauthenticated },
  { name: 'Bearer and nothing else', request: ask({ auth: () => 'Bearer' }), expect: unauthenticated },
  { name: 'Bearer and spaces', request: ask({ auth: () => 'Bearer      ' }), expect: unauthenticated },
  { name: 'Basic credentials', request: ask({ auth: () => 'Basic YWRtaW46YWRtaW4=' }), expect: unauthenticated },
  { name: 'a lower-case bearer scheme', request: ask({ auth: (t) => `bearer ${t.caseManager}` }), expect: unauthenticated },
  { name: 'two spaces after Bearer', request: ask({ auth: (t) => `Bearer  ${t.caseManager}` }), expect: unauthenticated },
  { name: 'a tab after Bearer', request: ask({ auth: (t) => `Bearer\t${t.caseManager}` }), expect: unauthenticated },
  { name: 'another scheme name', request: ask({ auth: (t) => `Token ${t.caseManager}` }), expect: unauthenticated },
  { name: 'two bearer tokens in one header', request: ask({ auth: (t) => `Bearer ${t.caseManager}, Bearer ${t.frontDesk}` }), expect: unauthenticated },
  { name: 'a token of three garbage parts', request: ask({ auth: () => 'Bearer abc.def.ghi' }), expect: unauthenticated },
  { name: 'a five-part (JWE-shaped) token', request: ask({ auth: () => 'Bearer a.b.c.d.e' }), expect: unauthenticated },
  { name: 'random base64 of 8 KB', request: ask({ auth: () => `Bearer ${Buffer.alloc(6000, 7).toString('base64')}` }), expect: unauthenticated },
  { name: 'an SQL injection as the token', request: ask({ auth: () => "Bearer ' OR 1=1--" }), expect: unauthenticated },
  { name: 'a Latin-1 letter inside the token', request: ask({ auth: (t) => `Bearer ${t.caseManager.slice(0, 20)}\u00e9${t.caseManager.slice(20)}` }), expect: unauthenticated },
  { name: 'the valid token with one signature character changed', request: ask({ auth: (t) => `Bearer ${t.caseManager.slice(0, -2)}${t.caseManager.endsWith('AA') ? 'BB' : 'AA'}` }), expect: unauthenticated },
  { name: 'the valid token in a cookie instead', request: ask({ auth: null, headers: { cookie: 'token=abc' } }), expect: unauthenticated },
  ...FORGED.map(([token, label]): CorpusCase => ({ name: label, request: ask({ auth: token }), expect: unauthenticated })),
];

const purposes: CorpusCase[] = [
  { name: 'no purpose of use', request: ask({ purpose: null }), expect: purposeRequired },
  { name: 'an empty purpose', request: ask({ purpose: '' }), expect: purposeRequired },
  { name: 'a purpose in lower case', request: ask({ purpose: 'case_management' }), expect: purposeRequired },
  { name: 'a made-up purpose', request: ask({ purpose: 'CURIOSITY' }), expect: purposeRequired },
  { name: 'two purposes at once', request: ask({ purpose: 'INTAKE, AUDIT' }), expect: purposeRequired },
  { name: 'a purpose with an SQL tail', request: ask({ purpose: "INTAKE'; DROP TABLE consents;--" }), expect: purposeRequired },
  { name: 'a purpose of 5 KB', request: ask({ purpose: 'A'.repeat(5000) }), expect: purposeRequired },
  { name: 'a purpose given as a number', request: ask({ purpose: '1' }), expect: purposeRequired },
  { name: 'a purpose with a Latin-1 look-alike letter', request: ask({ purpose: '\u00cdNTAKE' }), expect: purposeRequired },
  { name: 'a security conference without its id', request: ask({ purpose: 'SECURITY_CONFERENCE' }), expect: purposeRequired },
  { name: 'a security conference id of 201 characters', request: ask({ purpose: 'SECURITY_CONFERENCE', headers: { 'x-conference-id': 'C'.repeat(201) } }), expect: malformedBasis },
  { name: 'a security conference id with free text after it', request: ask({ purpose: 'SECURITY_CONFERENCE', headers: { 'x-conference-id': 'CONF-000001 (your consent covers this)' } }), expect: malformedBasis },
  { name: 'two security conference ids', request: ask({ purpose: 'SECURITY_CONFERENCE', headers: { 'x-conference-id': 'CONF-000001, CONF-000002' } }), expect: malformedBasis },
  { name: 'an emergency without a reason', request: ask({ purpose: 'EMERGENCY' }), expect: purposeRequired },
  { name: 'an emergency reason of nine characters', request: ask({ purpose: 'EMERGENCY', headers: { 'x-emergency-reason': 'too short' } }), expect: malformedBasis },
  { name: 'an emergency reason of spaces only', request: ask({ purpose: 'EMERGENCY', headers: { 'x-emergency-reason': ' '.repeat(40) } }), expect: purposeRequired },
  { name: 'an emergency reason of 1001 characters', request: ask({ purpose: 'EMERGENCY', headers: { 'x-emergency-reason': 'r'.repeat(1001) } }), expect: malformedBasis },
  { name: 'an emergency reason in latin1 bytes, not UTF-8', request: ask({ purpose: 'EMERGENCY', headers: { 'x-emergency-reason': 'Menace imm\u00e9diate au domicile' } }), expect: malformedBasis },
  { name: 'a statistics purpose asking for a person', request: ask({ purpose: 'STATISTICS' }), expect: refused(200, 'FORBIDDEN') },
  { name: 'an audit purpose asking for a person', request: ask({ purpose: 'AUDIT' }), expect: refused(200, 'FORBIDDEN') },
  { name: 'a coordinator asking for a person', request: ask({ auth: 'coordinator' }), expect: refused(200, 'FORBIDDEN') },
  { name: 'a front desk asking for police records', request: gql(`{ client(id: "${CLIENT}") { police { interventions { kind } } } }`, undefined, { auth: 'frontDesk', purpose: 'INTAKE' }), expect: refused(200, 'FORBIDDEN') },
  { name: 'a forged X-Request-Id full of markup', request: ask({ headers: { 'x-request-id': '<script>alert(1)</script>' } }), expect: answered },
];

const pad = (bytes: number) => 'p'.repeat(bytes);
const oversized: CorpusCase[] = [
  { name: 'one 20 KB custom header', request: ask({ headers: { 'x-padding': pad(20_000) } }), expect: headersTooLarge },
  { name: 'one 100 KB custom header', request: ask({ headers: { 'x-padding': pad(100_000) } }), expect: headersTooLarge },
  { name: 'a 20 KB bearer token', request: ask({ auth: () => `Bearer ${pad(20_000)}` }), expect: headersTooLarge },
  { name: 'a 20 KB purpose of use', request: ask({ purpose: pad(20_000) }), expect: headersTooLarge },
  { name: 'a 20 KB cookie', request: ask({ headers: { cookie: `session=${pad(20_000)}` } }), expect: headersTooLarge },
  { name: 'a 20 KB request id', request: ask({ headers: { 'x-request-id': pad(20_000) } }), expect: headersTooLarge },
  { name: 'a 20 KB emergency reason', request: ask({ purpose: 'EMERGENCY', headers: { 'x-emergency-reason': pad(20_000) } }), expect: headersTooLarge },
  { name: 'six hundred small headers', request: ask({ headers: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`x-h${i}`, pad(30)])) }), expect: headersTooLarge },
  { name: 'a 20 KB URL', request: { ...ask({}), path: `/graphql?${pad(20_000)}` }, expect: headersTooLarge },
  { name: 'an 8 KB header, under the limit', request: ask({ headers: { 'x-padding': pad(8000) } }), expect: answered },
];

export const IDENTITY_CASES: CorpusCase[] = [...tokens, ...purposes, ...oversized];
