import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { isAgencyId } from '../agencies';
import type { AuthConfig } from '../config';
import { isRole, type Viewer } from '../viewer';
import { ensureDevIssuer } from './devIssuer';
import { lifetimeProblem } from './tokenLifetime';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './tokenCache';

/** Asymmetric algorithms only: a symmetric key would let every verifier mint tokens. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/** Verifies a bearer token and returns the staff member it names; rejects with `TokenError`. */
export type TokenVerifier = (token: string) => Promise<Viewer>;

/** Why a token was refused: logged, never sent to the caller. */
export class TokenError extends Error {}

/**
 * Builds the verifier for the configured issuer, used alike by the gateway and every subgraph:
 * signature, issuer, audience, `exp`, and the lifetime limits (`auth.lifetime`: `exp - iat` at
 * most the maximum lifetime, `iat` at most the clock skew ahead). The JWKS is loaded once (development) or fetched
 * and cached by jose (remote), so verification costs no I/O per request; a token verified in the
 * last minute is not verified again until its `exp` (see `createVerifiedTokenCache`).
 * @param cache - the verified tokens to reuse; default a fresh cache of 10,000 tokens for one minute.
 */
export async function createTokenVerifier(auth: AuthConfig, cache: VerifiedTokenCache = createVerifiedTokenCache()): Promise<TokenVerifier> {
  const keys =
    auth.mode === 'development'
      ? createLocalJWKSet((await ensureDevIssuer(auth.dataDir)).jwks)
      : createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  return async (token) => {
    const known = cache.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw new TokenError(`token refused: ${(error as Error).name}`);
    }
    const problem = lifetimeProblem(payload, Date.now() / 1000, auth.lifetime);
    if (problem) throw new TokenError(`token refused: ${problem}`);
    const viewer = viewerFromClaims(payload);
    cache.set(token, viewer, payload.exp!);
    return viewer;
  };
}

/** Checks the OneRoof claims of an already verified payload. */
export function viewerFromClaims(payload: JWTPayload): Viewer {
  const { sub, name, agency, roles } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) {
    throw new TokenError('token refused: bad sub');
  }
  if (!isAgencyId(agency)) throw new TokenError('token refused: unknown agency');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new TokenError('token refused: bad roles');
  }
  return {
    sub,
    name: typeof name === 'string' && name.length > 0 ? name.slice(0, 200) : sub,
    agency,
    roles: [...new Set(roles)],
  };
}
