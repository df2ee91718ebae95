import { randomUUID, type KeyObject } from 'node:crypto';
import type { JWTVerifyGetKey, JSONWebKeySet } from 'jose';
import { PARTNER_AGENCIES, type AgencyId } from '../agencies';
import { createCompactSigner, createPairMacSigner } from './compactSigner';
import { compactAlg, MAC_ALGORITHM, verifyPairMac } from './compactVerifier';
import { ensureKeyPair } from './keyFile';
import { bindsTo, fjcClaimsCheck, FJC_TOKEN_ISSUER, FJC_TOKEN_TTL_SECONDS, verifyFjcToken } from './fjcToken';
import type { PairKeys } from './pairKeys';
import { CATEGORIES, type Category, type RequestContext } from '../viewer';
import type { ClientBases } from '../policy/decide';

/**
 * Consent assertions: the FJC holds consent and legal bases, the agencies hold the data. For each
 * viewer, purpose and client the FJC signs a short-lived JWS listing the bases that hold; the
 * query planner carries it to each agency inside the entity representation (`@requires`), and
 * the agency verifies it before deciding any field beyond its own records.
 */
export const ASSERTION_ISSUER = FJC_TOKEN_ISSUER;
export const ASSERTION_AUDIENCE = 'urn:oneroof:agencies';
export const ASSERTION_TTL_SECONDS = FJC_TOKEN_TTL_SECONDS;
/** The header `typ` of every assertion (AP-ASSERT-6): a second guard, beside the audience, against another FJC token. */
export const ASSERTION_TYP = 'oneroof-assertion+jwt';
const ALG = 'EdDSA';
/** The longest assertion accepted (AP-ASSERT-2). */
const MAX_LENGTH = 8192;

export interface AssertionSigner {
  /** The public keys agencies verify with, served by the FJC at `/.well-known/jwks.json`. */
  jwks: JSONWebKeySet;
  sign(request: RequestContext, clientId: string, bases: ClientBases): Promise<string>;
}

/**
 * Loads (generating on first use) the FJC's assertion key from `<dataDir>/fjc-keys/assertion.json`.
 * Signs on the spot (`createCompactSigner`): one assertion per client of every request. With a
 * pair key for every partner agency (`macKeys`, lib/auth/pairKeys.ts) it MACs each assertion for
 * each partner instead (AP-ASSERT-8): an HMAC per partner costs less than one signature, and each partner
 * checks its own in microseconds instead of a signature in a hundred. With keys for only some
 * partners it signs, so that no partner is left without an assertion it can check.
 */
export async function loadAssertionSigner(keyFile: string, options: { macKeys?: PairKeys } = {}): Promise<AssertionSigner> {
  const { privateJwk, jwks } = await ensureKeyPair(keyFile, ALG);
  const macKeys = options.macKeys ?? {};
  const everyPartner = PARTNER_AGENCIES.every((agency) => macKeys[agency] !== undefined);
  const signJws = everyPartner
    ? createPairMacSigner(new Map(PARTNER_AGENCIES.map((agency) => [agency, macKeys[agency]!])))
    : createCompactSigner(privateJwk, ALG);
  const header = everyPartner ? { typ: ASSERTION_TYP } : { kid: privateJwk.kid, typ: ASSERTION_TYP };
  return {
    jwks,
    sign: async (request, clientId, bases) => {
      const iat = Math.floor(Date.now() / 1000);
      return signJws(header, {
        agency: request.viewer.agency,
        pur: request.purpose,
        cid: clientId,
        ...(request.conferenceId ? { conf: request.conferenceId } : {}),
        bases,
        iss: ASSERTION_ISSUER,
        aud: ASSERTION_AUDIENCE,
        sub: request.viewer.sub,
        iat,
        exp: iat + ASSERTION_TTL_SECONDS,
        jti: randomUUID(),
      });
    },
  };
}

/**
 * Verifies an assertion for one request and entity. Resolves with the bases, or `null` when the
 * assertion is missing, forged, expired, or made for another viewer, purpose, conference or
 * client: then only the agency's own records can be shown (fail closed).
 */
export type AssertionVerifier = (assertion: unknown, request: RequestContext, clientId: string) => Promise<ClientBases | null>;

/**
 * @param keys - the FJC's published keys, for signed assertions.
 * @param pair - this agency and its pair key with the FJC, for MACed ones (AP-ASSERT-8); without
 *   it a MACed assertion is refused.
 */
export function createAssertionVerifier(keys: JWTVerifyGetKey, pair?: { agency: AgencyId; key: KeyObject }): AssertionVerifier {
  const macChecked = (assertion: string, request: RequestContext, clientId: string): Record<string, unknown> | null => {
    if (!pair) return null;
    const payload = verifyPairMac(assertion, pair.agency, pair.key, fjcClaimsCheck(ASSERTION_AUDIENCE, ASSERTION_TYP));
    return payload && bindsTo(payload, request, clientId) ? payload : null;
  };
  return async (assertion, request, clientId) => {
    const isMac = typeof assertion === 'string' && assertion.length <= MAX_LENGTH && compactAlg(assertion) === MAC_ALGORITHM;
    const payload = isMac
      ? macChecked(assertion, request, clientId)
      : await verifyFjcToken(assertion, keys, request, clientId, { audience: ASSERTION_AUDIENCE, typ: ASSERTION_TYP });
    if (!payload || (payload.conf ?? null) !== (request.conferenceId ?? null)) return null;
    return parseBases(payload.bases);
  };
}

function parseBases(value: unknown): ClientBases | null {
  if (typeof value !== 'object' || value === null) return null;
  const bases = value as Record<string, unknown>;
  const consent = bases.consent;
  if (!Array.isArray(consent) || !consent.every((c) => (CATEGORIES as readonly unknown[]).includes(c))) return null;
  if (bases.conference !== null && typeof bases.conference !== 'string') return null;
  for (const flag of ['emergency', 'jointClient', 'protectedContact']) if (typeof bases[flag] !== 'boolean') return null;
  return {
    consent: consent as Category[],
    conference: bases.conference as string | null,
    emergency: bases.emergency as boolean,
    jointClient: bases.jointClient as boolean,
    protectedContact: bases.protectedContact as boolean,
  };
}
