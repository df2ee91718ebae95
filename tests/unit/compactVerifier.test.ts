import { createHmac } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { createCompactSigner } from '../../lib/auth/compactSigner';
import { verifyOwnToken, type CompactCheck } from '../../lib/auth/compactVerifier';

const NOW = 1_800_000_000;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function keyPair(alg: 'EdDSA' | 'ES256', kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg };
  return { publicJwk, privateJwk, privateKey, sign: createCompactSigner(privateJwk, alg) };
}

describe('verifying the tokens OneRoof signs itself', () => {
  let ed: Awaited<ReturnType<typeof keyPair>>;
  let ec: Awaited<ReturnType<typeof keyPair>>;
  let keys: JWTVerifyGetKey;
  const check: CompactCheck = { algorithms: ['EdDSA', 'ES256'], typ: 'test+jwt', issuer: 'urn:test', audience: 'police', required: ['iat', 'jti'], maxAgeSeconds: 30, nowSeconds: NOW };
  const claims = { iss: 'urn:test', aud: 'police', iat: NOW - 1, jti: 'j-1', cid: 'FJC-000001' };

  beforeAll(async () => {
    ed = await keyPair('EdDSA', 'ed-1');
    ec = await keyPair('ES256', 'ec-1');
    keys = createLocalJWKSet({ keys: [ed.publicJwk, ec.publicJwk] });
  });

  it('accepts an EdDSA or ES256 token with the right claims and returns its payload', async () => {
    for (const { sign, publicJwk } of [ed, ec]) {
      const token = sign({ kid: publicJwk.kid, typ: 'test+jwt' }, claims);
      await expect(verifyOwnToken(token, keys, check)).resolves.toEqual(claims);
    }
  });

  it('accepts what jose signs too: the format is the standard one', async () => {
    const token = await new SignJWT({ jti: 'j-2' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'ed-1', typ: 'test+jwt' })
      .setIssuer('urn:test').setAudience(['fjc', 'police']).setIssuedAt(NOW - 2)
      .sign(ed.privateKey);
    await expect(verifyOwnToken(token, keys, check)).resolves.toMatchObject({ jti: 'j-2', aud: ['fjc', 'police'] });
  });

  it('refuses a token whose payload, header or signature was changed', async () => {
    const [h, p, s] = ed.sign({ kid: 'ed-1', typ: 'test+jwt' }, claims).split('.');
    const otherPayload = b64({ ...claims, cid: 'FJC-000002' });
    const otherHeader = b64({ alg: 'EdDSA', kid: 'ed-1', typ: 'test+jwt', x: 1 });
    const flipped = Buffer.from(s!, 'base64url');
    flipped[0] ^= 1;
    for (const token of [`${h}.${otherPayload}.${s}`, `${otherHeader}.${p}.${s}`, `${h}.${p}.${flipped.toString('base64url')}`]) {
      await expect(verifyOwnToken(token, keys, check)).resolves.toBeNull();
    }
  });

  it('refuses alg none, HMAC with the public key as secret, and an algorithm its key is not for', async () => {
    const unsigned = `${b64({ alg: 'none', kid: 'ed-1', typ: 'test+jwt' })}.${b64(claims)}.`;
    const hsInput = `${b64({ alg: 'HS256', kid: 'ed-1', typ: 'test+jwt' })}.${b64(claims)}`;
    const hs = `${hsInput}.${createHmac('sha256', JSON.stringify(ed.publicJwk)).update(hsInput).digest('base64url')}`;
    // An EdDSA signature presented as ES256 under the Ed25519 key's kid.
    const [, p, s] = ed.sign({ kid: 'ed-1', typ: 'test+jwt' }, claims).split('.');
    const confused = `${b64({ alg: 'ES256', kid: 'ed-1', typ: 'test+jwt' })}.${p}.${s}`;
    for (const token of [unsigned, hs, confused]) await expect(verifyOwnToken(token, keys, check)).resolves.toBeNull();
    // An algorithm the caller did not list.
    const es = ec.sign({ kid: 'ec-1', typ: 'test+jwt' }, claims);
    await expect(verifyOwnToken(es, keys, { ...check, algorithms: ['EdDSA'] })).resolves.toBeNull();
  });

  it('refuses an unknown key, another signer\'s key, crit and b64 headers, and malformed tokens', async () => {
    const stranger = await keyPair('EdDSA', 'ed-1'); // same kid, other key
    const refused = [
      ed.sign({ kid: 'nobody', typ: 'test+jwt' }, claims),
      stranger.sign({ kid: 'ed-1', typ: 'test+jwt' }, claims),
      ed.sign({ kid: 'ed-1', typ: 'test+jwt', crit: ['exp'] }, claims),
      ed.sign({ kid: 'ed-1', typ: 'test+jwt', b64: false }, claims),
      ed.sign({ kid: 'ed-1', typ: 'other+jwt' }, claims),
      'a.b', 'a.b.c.d', 'not base64!.x.y', '',
    ];
    for (const token of refused) await expect(verifyOwnToken(token, keys, check)).resolves.toBeNull();
    const failing: JWTVerifyGetKey = async () => {
      throw new Error('JWKS unreachable');
    };
    await expect(verifyOwnToken(ed.sign({ kid: 'ed-1', typ: 'test+jwt' }, claims), failing, check)).resolves.toBeNull();
  });

  it('checks issuer, audience, required claims and time', async () => {
    const token = (changes: Record<string, unknown>) => {
      const payload: Record<string, unknown> = { ...claims, ...changes };
      for (const [name, value] of Object.entries(changes)) if (value === undefined) delete payload[name];
      return ed.sign({ kid: 'ed-1', typ: 'test+jwt' }, payload);
    };
    const refused = [
      token({ iss: 'urn:other' }),
      token({ aud: 'probation' }),
      token({ aud: ['fjc', 'probation'] }),
      token({ jti: undefined }),
      token({ iat: undefined }),
      token({ iat: NOW - 31 }), // older than maxAgeSeconds
      token({ iat: NOW + 6 }), // from the future
      token({ iat: 'yesterday' }),
      token({ exp: NOW }), // expired at this very second
      token({ nbf: NOW + 10 }),
    ];
    for (const t of refused) await expect(verifyOwnToken(t, keys, check)).resolves.toBeNull();
    await expect(verifyOwnToken(token({ iat: NOW - 30, exp: NOW + 1, nbf: NOW }), keys, check)).resolves.not.toBeNull();
  });
});
