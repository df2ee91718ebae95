import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ensureKeyPair } from '../../auth/keyFile';
import { ASSERTION_ISSUER, ASSERTION_TTL_SECONDS } from '../../auth/assertions';
import type { AgencyId } from '../../agencies';
import { auditsLogOf, isAuditor } from '../../policy/auditReaders';
import { verifyFjcToken } from '../../auth/fjcToken';
import type { RequestContext } from '../../viewer';

/**
 * Audit access tokens: who may read a client's disclosure records is decided by the FJC, which
 * alone knows who the client's case manager is; the records live in every agency's own log. The
 * FJC signs a short-lived JWS for this viewer, purpose and client (`DisclosureReport.auditAccess`,
 * `@inaccessible`), the query planner carries it to each agency (`@requires`), and the agency
 * verifies it before it reads its log. The FJC's assertion key signs it, so agencies use the JWKS
 * they already trust; its own audience and `typ` keep it from ever passing for a consent
 * assertion, or a consent assertion for it.
 */
export const AUDIT_ACCESS_AUDIENCE = 'urn:oneroof:audit';
const TYP = 'oneroof-audit-access+jwt';
const ALG = 'EdDSA';
const SCOPE = 'disclosures';

/**
 * How much of a disclosure record a viewer sees:
 * - `AUDITOR`: everything, denials and staff identity included (role AUDITOR, purpose AUDIT);
 * - `SUBJECT`: what the client may know (their FJC case manager, purpose CASE_MANAGEMENT): which
 *   agency, staff role, when, why and on which basis, which categories; never staff identity,
 *   request ids, emergency reasons, or refusals (nothing was disclosed).
 */
export type AuditView = 'AUDITOR' | 'SUBJECT';

export interface AuditAccessSigner {
  sign(request: RequestContext, clientId: string, view: AuditView): Promise<string>;
}

/** Resolves with the view the token grants for this request and client, or `null`. */
export type AuditAccessVerifier = (token: unknown, request: RequestContext, clientId: string) => Promise<AuditView | null>;

export { isAuditor } from '../../policy/auditReaders';

/** What a subject view needs of the token itself; the FJC's JWS adds that this is *their* client. */
export function mayAskAsCaseManager(request: RequestContext): boolean {
  return request.purpose === 'CASE_MANAGEMENT' && request.viewer.agency === 'fjc' && request.viewer.roles.includes('CASE_MANAGER');
}

/**
 * Signs with the FJC's assertion key (`<dataDir>/fjc-keys/assertion.json`), the key whose public
 * half the FJC serves at `/.well-known/jwks.json`.
 */
export async function loadAuditAccessSigner(keyFile: string): Promise<AuditAccessSigner> {
  const { privateJwk } = await ensureKeyPair(keyFile, ALG);
  const key = (await importJWK(privateJwk, ALG)) as KeyLike;
  return {
    sign: (request, clientId, view) =>
      new SignJWT({ agency: request.viewer.agency, pur: request.purpose, cid: clientId, scope: SCOPE, staffIdentity: view === 'AUDITOR' })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid, typ: TYP })
        .setIssuer(ASSERTION_ISSUER)
        .setAudience(AUDIT_ACCESS_AUDIENCE)
        .setSubject(request.viewer.sub)
        .setIssuedAt()
        .setExpirationTime(`${ASSERTION_TTL_SECONDS}s`)
        .setJti(randomUUID())
        .sign(key),
  };
}

/**
 * An agency's check: an auditor of this agency or of the FJC needs no token (the bearer token
 * says it all), an auditor of another agency reads nothing here; anyone else needs the FJC's token
 * for exactly this viewer, purpose and client, and a bearer token that could ask as a case manager
 * at all. A token can never widen the view: staff identity is for auditors only.
 * @param keys - the FJC's published keys (agencies) or its own (the FJC).
 * @param agency - the agency whose log this verifier guards.
 */
export function createAuditAccessVerifier(keys: JWTVerifyGetKey, agency: AgencyId): AuditAccessVerifier {
  return async (token, request, clientId) => {
    if (isAuditor(request)) return auditsLogOf(request, agency) ? 'AUDITOR' : null;
    if (!mayAskAsCaseManager(request)) return null;
    const payload = await verifyFjcToken(token, keys, request, clientId, { audience: AUDIT_ACCESS_AUDIENCE, typ: TYP });
    return payload?.scope === SCOPE ? 'SUBJECT' : null;
  };
}
