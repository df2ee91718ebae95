import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { ensureKeyPair, type KeyPairFile } from './keyFile';
import type { AgencyId } from '../agencies';
import type { Role } from '../viewer';

/** `iss` of tokens minted by the local development issuer; refused in production. */
export const DEV_ISSUER = 'urn:oneroof:dev-issuer';
const ALG = 'ES256';

/**
 * Loads the development issuer's key pair from `<dataDir>/dev-issuer/issuer.json`, generating it
 * on first use.
 */
export function ensureDevIssuer(dataDir: string): Promise<KeyPairFile> {
  return ensureKeyPair(path.join(dataDir, 'dev-issuer', 'issuer.json'), ALG);
}

export interface DevTokenClaims {
  sub: string;
  name?: string;
  agency: AgencyId;
  roles: Role[];
}

export interface MintOptions {
  /** Lifetime in minutes; default 60. */
  ttlMinutes?: number;
  /** Audience; default `oneroof`. */
  audience?: string;
}

/** Signs a development token for the given staff member. */
export async function mintDevToken(
  dataDir: string,
  claims: DevTokenClaims,
  options: MintOptions = {},
): Promise<string> {
  const { privateJwk } = await ensureDevIssuer(dataDir);
  const key = await importJWK(privateJwk, ALG);
  const ttl = options.ttlMinutes ?? 60;
  return new SignJWT({ name: claims.name ?? claims.sub, agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: ALG, kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(options.audience ?? 'oneroof')
    .setIssuedAt()
    .setExpirationTime(`${Math.round(ttl * 60)}s`)
    .sign(key);
}
