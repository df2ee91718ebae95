import { DEFAULT_TOKEN_LIFETIME } from '../../lib/auth/tokenLifetime';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { DEV_ISSUER, ensureDevIssuer, mintDevToken } from '../../lib/auth/devIssuer';
import { createTokenVerifier, TokenError, type TokenVerifier } from '../../lib/auth/tokens';

const CLAIMS = { sub: 'fjc-staff-1', name: 'Test Case Manager', agency: 'fjc' as const, roles: ['CASE_MANAGER' as const] };

describe('token verification', () => {
  let dataDir: string;
  let verify: TokenVerifier;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-tokens-'));
    verify = await createTokenVerifier({ mode: 'development', issuer: DEV_ISSUER, audience: 'oneroof', dataDir, lifetime: DEFAULT_TOKEN_LIFETIME });
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('accepts a development token and returns the typed viewer', async () => {
    const token = await mintDevToken(dataDir, CLAIMS);
    await expect(verify(token)).resolves.toEqual({
      sub: 'fjc-staff-1',
      name: 'Test Case Manager',
      agency: 'fjc',
      roles: ['CASE_MANAGER'],
    });
  });

  it('keeps the same keys across loads, so every process verifies the same tokens', async () => {
    const first = await ensureDevIssuer(dataDir);
    const second = await ensureDevIssuer(dataDir);
    expect(second.jwks).toEqual(first.jwks);
    expect(first.jwks.keys[0]).not.toHaveProperty('d');
  });

  async function signWith(alg: string, key: Parameters<SignJWT['sign']>[0], claims = {}, header = {}) {
    return new SignJWT({ agency: 'fjc', roles: ['CASE_MANAGER'], ...claims })
      .setProtectedHeader({ alg, kid: (await ensureDevIssuer(dataDir)).jwks.keys[0].kid, ...header })
      .setSubject('intruder')
      .setIssuer(DEV_ISSUER)
      .setAudience('oneroof')
      .setExpirationTime('10m')
      .sign(key);
  }

  it.each([
    ['an unsigned token (alg none)', async () => {
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
      const payload = base64url.encode(JSON.stringify({ sub: 'x', iss: DEV_ISSUER, aud: 'oneroof', exp: 9999999999, agency: 'fjc', roles: ['CASE_MANAGER'] }));
      return `${header}.${payload}.`;
    }],
    ['HS256 signed with the public key as secret', async () => {
      const publicJwk = (await ensureDevIssuer(dataDir)).jwks.keys[0];
      return signWith('HS256', new TextEncoder().encode(JSON.stringify(publicJwk)));
    }],
    ['a token signed by another key under the same kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return signWith('ES256', privateKey);
    }],
    ['a token with an unknown kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return signWith('ES256', privateKey, {}, { kid: 'unknown-key' });
    }],
    ['an expired token', async () => mintDevToken(dataDir, CLAIMS, { ttlMinutes: -1 })],
    ['a token for another audience', async () => mintDevToken(dataDir, CLAIMS, { audience: 'another-app' })],
    ['a token naming an unknown agency', async () => mintDevToken(dataDir, { ...CLAIMS, agency: 'tax-office' as never })],
    ['a token with an unknown role', async () => mintDevToken(dataDir, { ...CLAIMS, roles: ['ADMIN' as never] })],
    ['a token without roles', async () => mintDevToken(dataDir, { ...CLAIMS, roles: [] })],
    ['garbage', async () => 'not.a.token'],
  ])('refuses %s', async (_name, makeToken) => {
    await expect(verify(await makeToken())).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a token from another issuer', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-other-'));
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    fs.mkdirSync(path.join(otherDir, 'dev-issuer'));
    fs.writeFileSync(path.join(otherDir, 'dev-issuer', 'issuer.json'), JSON.stringify({ privateJwk: {}, jwks: { keys: [jwk] } }));
    const verifyOther = await createTokenVerifier({ mode: 'development', issuer: 'urn:other', audience: 'oneroof', dataDir: otherDir, lifetime: DEFAULT_TOKEN_LIFETIME });
    const token = await new SignJWT({ agency: 'fjc', roles: ['CASE_MANAGER'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('x').setIssuer(DEV_ISSUER).setAudience('oneroof').setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifyOther(token)).rejects.toBeInstanceOf(TokenError);
    fs.rmSync(otherDir, { recursive: true, force: true });
  });
});

describe('token lifetime', () => {
  let dataDir: string;
  let verify: TokenVerifier;
  let sign: (times: { iat?: number; exp: number }) => Promise<string>;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-lifetime-'));
    verify = await createTokenVerifier({ mode: 'development', issuer: DEV_ISSUER, audience: 'oneroof', dataDir, lifetime: DEFAULT_TOKEN_LIFETIME });
    const { privateJwk } = await ensureDevIssuer(dataDir);
    const key = await importJWK(privateJwk, 'ES256');
    sign = (times) =>
      new SignJWT({ ...CLAIMS, iss: DEV_ISSUER, aud: 'oneroof', ...times }).setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' }).sign(key);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('accepts a token of exactly the maximum lifetime, and one issued within the clock skew ahead', async () => {
    await expect(verify(await sign({ iat: now(), exp: now() + 4 * 3600 }))).resolves.toMatchObject({ sub: CLAIMS.sub });
    await expect(verify(await sign({ iat: now() + 50, exp: now() + 3600 }))).resolves.toMatchObject({ sub: CLAIMS.sub });
  });

  it.each([
    ['issued ten years from now', () => ({ iat: now() + 315_360_000, exp: now() + 315_363_600 })],
    ['issued beyond the clock skew', () => ({ iat: now() + 90, exp: now() + 3600 })],
    ['expiring in ten years', () => ({ iat: now(), exp: now() + 315_360_000 })],
    ['expiring at 1e300', () => ({ iat: now(), exp: 1e300 })],
    ['living a second over four hours', () => ({ iat: now() - 10, exp: now() - 10 + 4 * 3600 + 1 })],
    ['without an issue time', () => ({ exp: now() + 600 })],
  ])('refuses a token %s', async (_name, times) => {
    await expect(verify(await sign(times()))).rejects.toBeInstanceOf(TokenError);
  });
});
