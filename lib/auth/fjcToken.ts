import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { verifyOwnToken } from './compactVerifier';
import type { RequestContext } from '../viewer';

/** Issuer of every token the FJC signs for the agencies (consent assertions, audit access). */
export const FJC_TOKEN_ISSUER = 'urn:oneroof:fjc';
/** Lifetime in seconds: long enough for one request's plan, too short to be worth stealing. */
export const FJC_TOKEN_TTL_SECONDS = 60;
const ALG = 'EdDSA' as const;

export interface FjcTokenCheck {
  audience: string;
  /** Expected `typ` header, when the token kind has one. */
  typ?: string;
}

/**
 * Verifies a token the FJC signed for one request and entity: signature, issuer, audience, age,
 * and that viewer, agency, purpose and client match the verified request. Resolves with the
 * payload for the caller's own checks, or `null` when anything is off (never throws).
 */
export async function verifyFjcToken(
  token: unknown,
  keys: JWTVerifyGetKey,
  request: RequestContext,
  clientId: string,
  check: FjcTokenCheck,
): Promise<JWTPayload | null> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) return null;
  try {
    const payload = await verifyOwnToken(token, keys, { ...fjcClaimsCheck(check.audience, check.typ), algorithms: [ALG] });
    return payload && bindsTo(payload, request, clientId) ? (payload as JWTPayload) : null;
  } catch {
    return null;
  }
}

/** The checks of every FJC token's claims but the signature: issuer, audience, age, required claims. */
export function fjcClaimsCheck(audience: string, typ?: string) {
  return { issuer: FJC_TOKEN_ISSUER, audience, ...(typ ? { typ } : {}), maxAgeSeconds: FJC_TOKEN_TTL_SECONDS, nowSeconds: Date.now() / 1000, required: ['exp', 'iat', 'sub'] };
}

/** Whether an FJC token was made for this request's viewer, agency and purpose and for this client. */
export function bindsTo(payload: Record<string, unknown>, request: RequestContext, clientId: string): boolean {
  return payload.sub === request.viewer.sub && payload.agency === request.viewer.agency && payload.pur === request.purpose && payload.cid === clientId;
}
