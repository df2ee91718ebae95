import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { createCompactSigner } from '../../lib/auth/compactSigner';

async function keyPair(alg: 'EdDSA' | 'ES256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), kid: 'k1', alg, use: 'sig' }, publicKey };
}

describe('the compact JWS signer', () => {
  it.each(['EdDSA', 'ES256'] as const)('signs %s tokens that jose verifies, with the header and claims given', async (alg) => {
    const { privateJwk, publicKey } = await keyPair(alg);
    const sign = createCompactSigner(privateJwk, alg);
    const now = Math.floor(Date.now() / 1000);
    const token = sign({ kid: 'k1', typ: 'oneroof-test+jwt' }, { iss: 'urn:test', aud: 'police', sub: 'staff-1', iat: now, exp: now + 60, n: 1 });
    const { payload, protectedHeader } = await jwtVerify(token, publicKey, { issuer: 'urn:test', audience: 'police', algorithms: [alg], typ: 'oneroof-test+jwt' });
    expect(protectedHeader).toEqual({ kid: 'k1', typ: 'oneroof-test+jwt', alg });
    expect(payload).toEqual({ iss: 'urn:test', aud: 'police', sub: 'staff-1', iat: now, exp: now + 60, n: 1 });
  });

  it('always names the key algorithm in the header, whatever the caller passes', async () => {
    const { privateJwk } = await keyPair('EdDSA');
    const token = createCompactSigner(privateJwk, 'EdDSA')({ alg: 'none' }, {});
    expect(decodeProtectedHeader(token).alg).toBe('EdDSA');
  });

  it('refuses a key of another type, and a public key', async () => {
    const ed = await keyPair('EdDSA');
    const es = await keyPair('ES256');
    expect(() => createCompactSigner(ed.privateJwk, 'ES256')).toThrow(/private EC P-256 key/);
    expect(() => createCompactSigner(es.privateJwk, 'EdDSA')).toThrow(/private OKP Ed25519 key/);
    expect(() => createCompactSigner({ ...ed.privateJwk, d: undefined }, 'EdDSA')).toThrow(/private OKP Ed25519 key/);
  });
});
