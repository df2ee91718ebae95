/**
 * Every numbered requirement of docs/agency-protocol.md, with its RFC 2119 level, which subgraphs
 * it binds (every agency, the partner agencies, or the FJC as the hub), and whether the suite can
 * check it from outside. A test holds this list and the document to the same ids.
 */
export type Level = 'MUST' | 'SHOULD' | 'MAY';
/** `partner`: agencies that verify the FJC's assertions; `hub`: the FJC, which signs them. */
export type Scope = 'all' | 'partner' | 'hub';

export interface Requirement {
  id: string;
  level: Level;
  scope: Scope;
  /** False: not observable from outside the subgraph; the operator declares it. */
  checked: boolean;
  title: string;
}

const r = (id: string, level: Level, scope: Scope, checked: boolean, title: string): Requirement => ({ id, level, scope, checked, title });

export const REQUIREMENTS: readonly Requirement[] = [
  r('AP-HTTP-1', 'MUST', 'all', true, 'GraphQL over HTTP POST with JSON; a refused request is an HTTP status with errors and no data'),
  r('AP-HTTP-2', 'MUST', 'all', true, 'uses the X-Request-Id it receives as the request id: echoed and recorded'),
  r('AP-HTTP-3', 'MUST', 'all', true, 'GET /health beside the endpoint answers 200 {"status":"ok"} without token or signature'),
  r('AP-HTTP-4', 'SHOULD', 'all', false, 'internal faults answer INTERNAL_SERVER_ERROR with a generic message; logs hold ids and decisions only'),
  r('AP-HTTP-5', 'SHOULD', 'all', false, 'stops work nobody will receive: nothing run or recorded past the gateway\'s budget or after it left; a locked store waited for without blocking'),

  r('AP-SDL-1', 'MUST', 'all', true, 'serves _service { sdl } with a Federation 2 @link'),
  r('AP-SDL-2', 'MUST', 'all', true, 'its SDL composes with the reference subgraphs'),
  r('AP-SDL-3', 'MUST', 'all', true, 'Client @key(fields: "id"); a partner adds accessAssertion @external and one file field @requires(fields: "accessAssertion") with involved: Boolean!'),
  r('AP-SDL-4', 'MUST', 'all', true, 'every field of person data carries @sensitive(category:), composed with @composeDirective'),
  r('AP-SDL-5', 'MUST', 'all', true, 'serves the audit types: DisclosureReport and DisclosureReviewQueue lists, the review mutation, @auditRecord'),
  r('AP-SDL-6', 'MUST', 'all', true, 'adds its figures to the Statistics entity as @aggregate types of StatSeries that reach no person'),

  r('AP-TOKEN-1', 'MUST', 'all', true, 'refuses a request without a bearer token (401 UNAUTHENTICATED)'),
  r('AP-TOKEN-2', 'MUST', 'all', true, 'verifies the token signature with the identity provider JWKS, asymmetric algorithms only'),
  r('AP-TOKEN-3', 'MUST', 'all', true, 'checks the token issuer and audience'),
  r('AP-TOKEN-4', 'MUST', 'all', true, 'requires exp in the future and honours nbf'),
  r('AP-TOKEN-5', 'MUST', 'all', true, 'requires iat, at most the clock skew ahead, and exp - iat at most the maximum lifetime'),
  r('AP-TOKEN-6', 'MUST', 'all', true, 'requires sub, a known agency and a non-empty list of known roles'),
  r('AP-TOKEN-7', 'MUST', 'all', true, 'gives one answer to every refused token, never the reason'),

  r('AP-SIG-1', 'MUST', 'all', true, 'refuses an unsigned request where signatures are required (always in production)'),
  r('AP-SIG-2', 'MUST', 'all', true, 'verifies a present signature: EdDSA or ES256 with the gateway JWKS, typ, issuer, audience = own agency'),
  r('AP-SIG-3', 'MUST', 'all', true, 'the signature binds method, request id and the SHA-256 of the exact body'),
  r('AP-SIG-4', 'MUST', 'all', true, 'the signature is at most 30 s old and at most 5 s ahead'),
  r('AP-SIG-5', 'MUST', 'all', true, 'a signature is accepted once (jti remembered while it could pass)'),
  r('AP-SIG-6', 'MUST', 'all', false, 'the replay memory is bounded and refuses new signatures when full'),
  r('AP-SIG-7', 'MAY', 'all', false, 'accepts HS256 from the gateway with its own pair key only, checked as a signature is'),

  r('AP-CTX-1', 'MUST', 'all', true, 'requires a known X-Purpose-Of-Use (400 PURPOSE_REQUIRED)'),
  r('AP-CTX-2', 'MUST', 'all', true, 'SECURITY_CONFERENCE requires one well-formed X-Conference-Id'),
  r('AP-CTX-3', 'MUST', 'all', true, 'EMERGENCY requires X-Emergency-Reason, decoded (RFC 8187 or UTF-8), cleaned, 10-1000 characters, recorded as cleaned'),

  r('AP-ASSERT-1', 'MUST', 'partner', true, 'reads the consent assertion from the representation; without one only own records can be shown'),
  r('AP-ASSERT-2', 'MUST', 'partner', true, 'verifies the assertion signature (EdDSA) with the FJC JWKS'),
  r('AP-ASSERT-3', 'MUST', 'partner', true, 'checks the assertion issuer, audience, expiry and age (60 s)'),
  r('AP-ASSERT-4', 'MUST', 'partner', true, 'the assertion must match viewer, agency, purpose, client and conference'),
  r('AP-ASSERT-5', 'MUST', 'partner', true, 'refuses an assertion whose bases are not of the protocol shape'),
  r('AP-ASSERT-6', 'SHOULD', 'partner', true, 'checks the assertion typ header (oneroof-assertion+jwt)'),
  r('AP-ASSERT-7', 'MUST', 'partner', false, 'fetches the FJC keys from its JWKS URL and fails closed when it cannot; bases live for one request'),
  r('AP-ASSERT-8', 'MAY', 'partner', false, 'accepts an assertion MACed for it with its own pair key with the FJC, checked as a signed one is'),

  r('AP-POL-1', 'MUST', 'all', true, 'withholds above the ceiling of roles and purpose: FORBIDDEN, ABOVE_CEILING'),
  r('AP-POL-2', 'MUST', 'all', true, 'releases its own records to its own staff within the ceiling: OWN_RECORD'),
  r('AP-POL-3', 'MUST', 'partner', true, 'never releases a protected client\'s CONTACT data to the perpetrator side: PROTECTED'),
  r('AP-POL-4', 'MUST', 'partner', true, 'releases the categories of a consent: CONSENT'),
  r('AP-POL-5', 'MUST', 'partner', true, 'releases what an open security conference opens: CASE_CONFERENCE'),
  r('AP-POL-6', 'MUST', 'partner', true, 'releases what an emergency opens: EMERGENCY'),
  r('AP-POL-7', 'MUST', 'partner', true, 'releases IDENTITY and INVOLVEMENT of a joint client at intake and case management: JOINT_CLIENT'),
  r('AP-POL-8', 'MUST', 'partner', true, 'withholds everything else: CONSENT_REQUIRED, NO_BASIS'),
  r('AP-POL-9', 'MUST', 'all', true, 'a released field holds the same data the agency shows its own staff'),
  r('AP-POL-10', 'MAY', 'all', false, 'applies stricter rules of its own, never looser ones'),

  r('AP-ERR-1', 'MUST', 'all', true, 'a withheld field is null with one error at its path: code, category, agency, reason'),
  r('AP-ERR-2', 'MUST', 'all', true, 'every withheld-field error carries the remedy the protocol prescribes'),
  r('AP-ERR-3', 'MUST', 'all', true, 'every key the request selected is in the answer'),

  r('AP-STR-1', 'MUST', 'partner', true, 'a client the agency does not know gets involved: false and nothing else'),
  r('AP-STR-2', 'MUST', 'partner', false, 'the agency\'s own person ids never leave it'),

  r('AP-AUD-1', 'MUST', 'all', true, 'writes one disclosure record per client per request before the answer leaves'),
  r('AP-AUD-2', 'MUST', 'all', true, 'a record holds request id, viewer, purpose, bases claimed, client, granted, denied and released fields'),
  r('AP-AUD-3', 'MUST', 'all', true, 'records form a SHA-256 hash chain over their canonical form'),
  r('AP-AUD-4', 'MUST', 'all', false, 'the log is append-only; records leave only in a prefix purge behind a signed checkpoint'),
  r('AP-AUD-5', 'MUST', 'all', false, 'no record, no release: when the record cannot be written, nothing leaves'),
  r('AP-AUD-6', 'MUST', 'all', true, 'serves its log to its own auditor and the FJC auditor (recording the FJC read), refuses everyone else'),
  r('AP-AUD-7', 'MUST', 'partner', true, 'serves the subject view to the holder of an FJC audit access token for that viewer, purpose and client'),
  r('AP-AUD-8', 'MUST', 'all', true, 'flags a record with an EMERGENCY basis for review and lists it in its review queue'),
  r('AP-AUD-9', 'SHOULD', 'all', false, 'records the gateway\'s signed report of undelivered answers against the records of each call it names'),

  r('AP-STAT-1', 'MUST', 'all', true, 'answers figures for the purpose STATISTICS only, for a valid period'),
  r('AP-STAT-2', 'MUST', 'all', true, 'every label and every period is present, in order'),
  r('AP-STAT-3', 'MUST', 'all', true, 'small-cell rule: no shown count of 1 to 4; suppressed means value null'),
  r('AP-STAT-4', 'MUST', 'all', true, 'totals and quarters are shown only when their parts are, and add up'),

  r('AP-FJC-1', 'MUST', 'hub', true, 'serves its assertion keys at /.well-known/jwks.json'),
  r('AP-FJC-2', 'MUST', 'hub', true, 'mints Client.accessAssertion for the viewer, purpose and client of the request'),
  r('AP-FJC-3', 'MUST', 'hub', true, 'resolves a client it never registered to null'),
  r('AP-FJC-4', 'MUST', 'hub', true, 'refuses a conference that is not open to the viewer: 403 INVALID_BASIS'),
  r('AP-FJC-5', 'MUST', 'hub', false, 'signs audit access tokens and decides each reference-directory entry as its owner would'),
];

export function requirement(id: string): Requirement {
  const found = REQUIREMENTS.find((req) => req.id === id);
  if (!found) throw new Error(`unknown requirement ${id}`);
  return found;
}

export function appliesTo(req: Requirement, hub: boolean): boolean {
  return req.scope === 'all' || (req.scope === 'hub') === hub;
}
