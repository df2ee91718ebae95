import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import { DEV_ISSUER, ensureDevIssuer, mintDevToken } from '../../lib/auth/devIssuer';
import type { TokenName } from '../corpus/types';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TEN_YEARS = 10 * 365 * 86_400;
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * Every token the bad-input corpus names: three valid ones, and forgeries of every kind the
 * gateway must refuse (each signed with the development issuer's own key where only a claim is
 * wrong, so the claim is what gets it refused).
 */
export async function corpusTokens(dataDir: string): Promise<Record<TokenName, string>> {
  const { privateJwk } = await ensureDevIssuer(dataDir);
  const devKey = await importJWK(privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const base: JWTPayload = { sub: 'fjc-staff-1', name: 'Staff One', agency: 'fjc', roles: ['CASE_MANAGER'], iss: DEV_ISSUER, aud: 'oneroof', iat: now, exp: now + 3600 };
  const sign = (payload: JWTPayload, key: Parameters<SignJWT['sign']>[0] = devKey, alg = 'ES256') =>
    new SignJWT(payload).setProtectedHeader({ alg, kid: privateJwk.kid, typ: 'JWT' }).sign(key);
  const without = (claim: string): JWTPayload => Object.fromEntries(Object.entries(base).filter(([k]) => k !== claim));
  const caseManager = await mintDevToken(dataDir, { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
  const [header, payload, signature] = caseManager.split('.');
  const foreign = await generateKeyPair('ES256');
  return {
    caseManager,
    frontDesk: await mintDevToken(dataDir, { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] }),
    coordinator: await mintDevToken(dataDir, { sub: 'fjc-coord-1', agency: 'fjc', roles: ['COORDINATOR'] }),
    expired: await mintDevToken(dataDir, { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] }, { ttlMinutes: -1 }),
    notYetValid: await sign({ ...base, nbf: now + 3600 }),
    wrongAudience: await mintDevToken(dataDir, { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] }, { audience: 'another-app' }),
    wrongIssuer: await sign({ ...base, iss: 'https://idp.attacker.example' }),
    foreignKey: await sign(base, foreign.privateKey),
    symmetric: await sign(base, new TextEncoder().encode('a shared secret anyone could guess!!'), 'HS256'),
    unsigned: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(base)}.`,
    unknownAgency: await sign({ ...base, agency: 'secret-service' }),
    noRoles: await sign({ ...base, roles: [] }),
    unknownRole: await sign({ ...base, roles: ['ROOT'] }),
    noSub: await sign(without('sub')),
    noExpiry: await sign(without('exp')),
    tamperedClaims: `${header}.${b64({ ...decode(payload), agency: 'police', roles: ['AGENCY_STAFF', 'CASE_MANAGER'] })}.${signature}`,
    tamperedHeader: `${b64({ ...decode(header), alg: 'HS256' })}.${payload}.${signature}`,
    strippedSignature: `${header}.${payload}.`,
    noIssuedAt: await sign(without('iat')),
    issuedInTenYears: await sign({ ...base, iat: now + TEN_YEARS, exp: now + TEN_YEARS + 3600 }),
    expiresInTenYears: await sign({ ...base, exp: now + TEN_YEARS }),
    expiresAt1e300: await sign({ ...base, exp: 1e300 }),
    fiveHourLifetime: await sign({ ...base, exp: now + 5 * 3600 }),
  };
}
