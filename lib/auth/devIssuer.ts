import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import type { AgencyId } from '../agencies';
import type { Role } from '../viewer';

/** `iss` of tokens minted by the local development issuer; refused in production. */
export const DEV_ISSUER = 'urn:oneroof:dev-issuer';
const ALG = 'ES256';

interface DevIssuerFiles {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

function keyDir(dataDir: string): string {
  return path.join(dataDir, 'dev-issuer');
}

/**
 * Loads the development issuer's key pair from `<dataDir>/dev-issuer`, generating it on first use.
 * Safe when several processes start at once: the first writer wins and the others read its keys.
 */
export async function ensureDevIssuer(dataDir: string): Promise<DevIssuerFiles> {
  const dir = keyDir(dataDir);
  const file = path.join(dir, 'issuer.json');
  if (fs.existsSync(file)) return readIssuer(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  const content = JSON.stringify({ privateJwk, jwks: { keys: [publicJwk] } });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file); // atomic and fails if another process got there first
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(tmp);
  }
  return readIssuer(file);
}

function readIssuer(file: string): DevIssuerFiles {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DevIssuerFiles;
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
