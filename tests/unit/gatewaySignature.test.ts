import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base64url, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import {
  createGatewaySignatureVerifier,
  createGatewaySigner,
  ensureDevGatewayKeys,
  GATEWAY_ISSUER,
  loadGatewaySigningKey,
  loadGatewayVerificationKeys,
  readGatewayJwks,
  readGatewayPrivateKey,
  type GatewaySigner,
} from '../../lib/auth/gatewaySignature';
import { ConfigError } from '../../lib/config';
import type { KeyPairFile } from '../../lib/auth/keyFile';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const BODY = JSON.stringify({ query: /* GraphQL */ `query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, variables: { r: [] } });
const REQUEST = { method: 'POST', body: BODY, requestId: 'req-1' };

describe('gateway request signatures', () => {
  let dataDir: string;
  let keys: KeyPairFile;
  let clock: number;
  let signer: GatewaySigner;
  const now = () => clock;
  const verifier = (options: { maxAgeSeconds?: number; replayCacheSize?: number } = {}) =>
    createGatewaySignatureVerifier({ keys: keys.jwks, agency: 'police', now, ...options });
  const sign = (overrides: Partial<Parameters<GatewaySigner['sign']>[0]> = {}) =>
    signer.sign({ ...REQUEST, audience: 'police', ...overrides });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-gateway-sig-'));
    keys = await ensureDevGatewayKeys(dataDir);
    signer = await createGatewaySigner(keys.privateJwk, { now });
  });
  beforeEach(() => {
    clock = T0;
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('accepts a fresh request signed by the gateway for this agency', async () => {
    await expect(verifier().verify({ ...REQUEST, signature: await sign() })).resolves.toBe(true);
  });

  it('hashes a string body as the UTF-8 bytes the subgraph reads off the wire', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { name: 'Zoë Dubois–Ñúñez' } });
    const signature = await sign({ body });
    await expect(verifier().verify({ ...REQUEST, body: Buffer.from(body, 'utf8'), signature })).resolves.toBe(true);
  });

  async function withSameKid(alg: string, key: Parameters<SignJWT['sign']>[0]): Promise<string> {
    return new SignJWT({ rid: REQUEST.requestId, mth: 'POST', bsh: base64url.encode(await sha256(BODY)) })
      .setProtectedHeader({ alg, kid: keys.privateJwk.kid, typ: 'oneroof-gateway+jwt' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('police')
      .setIssuedAt(Math.floor(clock / 1000))
      .setJti('forged')
      .sign(key);
  }

  it.each<[string, () => Promise<Partial<Parameters<ReturnType<typeof verifier>['verify']>[0]>>]>([
    ['a request without the signature header', async () => ({ signature: undefined })],
    ['an empty signature', async () => ({ signature: '' })],
    ['a body with one byte changed', async () => {
      const body = Buffer.from(BODY, 'utf8');
      body[body.length - 3] ^= 1;
      return { signature: await sign(), body };
    }],
    ['another method', async () => ({ signature: await sign(), method: 'GET' })],
    ['another request id', async () => ({ signature: await sign(), requestId: 'req-2' })],
    ['a signature made for another agency', async () => ({ signature: await sign({ audience: 'housing' }) })],
    ['a signature older than the maximum age', async () => {
      const signature = await sign();
      clock += 31_000;
      return { signature };
    }],
    ['a signature from more than 5 s in the future', async () => {
      clock += 6_000;
      const signature = await sign();
      clock -= 6_000;
      return { signature };
    }],
    ['a signature by another key under the same kid', async () => {
      const { privateKey } = await generateKeyPair('EdDSA');
      return { signature: await withSameKid('EdDSA', privateKey) };
    }],
    ['an unsigned token (alg none)', async () => {
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'oneroof-gateway+jwt' }));
      const claims = { iss: GATEWAY_ISSUER, aud: 'police', iat: Math.floor(clock / 1000), jti: 'x', rid: 'req-1', mth: 'POST', bsh: base64url.encode(await sha256(BODY)) };
      return { signature: `${header}.${base64url.encode(JSON.stringify(claims))}.` };
    }],
    ['HS256 signed with the public key as secret', async () => ({
      signature: await withSameKid('HS256', new TextEncoder().encode(JSON.stringify(keys.jwks.keys[0]))),
    })],
    ['garbage', async () => ({ signature: 'not.a.signature' })],
  ])('refuses %s', async (_name, makeRequest) => {
    const overrides = await makeRequest();
    await expect(verifier().verify({ ...REQUEST, signature: undefined, ...overrides })).resolves.toBe(false);
  });

  it('accepts a signature up to the maximum age and up to 5 s ahead of the subgraph clock', async () => {
    const old = await sign();
    clock += 6_000 - 1_000;
    const ahead = await sign();
    clock = T0 + 30_000;
    await expect(verifier().verify({ ...REQUEST, signature: old })).resolves.toBe(true);
    clock = T0;
    await expect(verifier().verify({ ...REQUEST, signature: ahead })).resolves.toBe(true);
  });

  it('refuses a replay of a signature it has already accepted', async () => {
    const verify = verifier();
    const signature = await sign();
    await expect(verify.verify({ ...REQUEST, signature })).resolves.toBe(true);
    await expect(verify.verify({ ...REQUEST, signature })).resolves.toBe(false);
  });

  it('does not remember a refused signature, so a forgery cannot use up the replay cache', async () => {
    const verify = verifier({ replayCacheSize: 1 });
    await expect(verify.verify({ ...REQUEST, signature: await sign({ audience: 'housing' }) })).resolves.toBe(false);
    await expect(verify.verify({ ...REQUEST, signature: await sign() })).resolves.toBe(true);
  });

  it('keeps its replay cache bounded: when full it refuses new signatures until old ones age out', async () => {
    const verify = verifier({ replayCacheSize: 3, maxAgeSeconds: 30 });
    for (let i = 0; i < 3; i += 1) await expect(verify.verify({ ...REQUEST, signature: await sign() })).resolves.toBe(true);
    await expect(verify.verify({ ...REQUEST, signature: await sign() })).resolves.toBe(false);
    clock += 31_000;
    await expect(verify.verify({ ...REQUEST, signature: await sign() })).resolves.toBe(true);
  });
});

describe('gateway key files', () => {
  let dir: string;
  let pair: { privateJwk: JWK; publicJwk: JWK };
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-gateway-keys-'));
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const extra = { kid: 'gw-1', alg: 'EdDSA', use: 'sig' };
    pair = { privateJwk: { ...(await exportJWK(privateKey)), ...extra }, publicJwk: { ...(await exportJWK(publicKey)), ...extra } };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a valid private key file and JWKS file', () => {
    expect(readGatewayPrivateKey(write('ok.json', { privateJwk: pair.privateJwk, jwks: { keys: [pair.publicJwk] } }))).toEqual(pair.privateJwk);
    expect(readGatewayJwks(write('ok-jwks.json', { keys: [pair.publicJwk] }))).toEqual({ keys: [pair.publicJwk] });
  });

  const SYMMETRIC: JWK = { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0', kid: 'gw-s', alg: 'HS256' };
  it.each<[string, () => unknown, (file: string) => unknown, RegExp]>([
    ['a private key without kid', () => ({ privateJwk: { ...pair.privateJwk, kid: undefined } }), readGatewayPrivateKey, /no "kid"/],
    ['a symmetric private key', () => ({ privateJwk: SYMMETRIC }), readGatewayPrivateKey, /symmetric \(kty "oct"\)/],
    ['a public key where the private one belongs', () => ({ privateJwk: pair.publicJwk }), readGatewayPrivateKey, /private part \("d"\)/],
    ['an RSA private key', () => ({ privateJwk: { kty: 'RSA', kid: 'r', alg: 'RS256', n: 'x', e: 'AQAB', d: 'y' } }), readGatewayPrivateKey, /EdDSA .* or ES256/],
    ['a file without privateJwk', () => ({ jwks: { keys: [pair.publicJwk] } }), readGatewayPrivateKey, /no "privateJwk"/],
    ['a JWKS key without kid', () => ({ keys: [{ ...pair.publicJwk, kid: undefined }] }), readGatewayJwks, /no "kid"/],
    ['a symmetric JWKS key', () => ({ keys: [SYMMETRIC] }), readGatewayJwks, /symmetric \(kty "oct"\)/],
    ['a JWKS that publishes the private key', () => ({ keys: [pair.privateJwk] }), readGatewayJwks, /holds a private key/],
    ['an empty JWKS', () => ({ keys: [] }), readGatewayJwks, /at least one key/],
  ])('refuses %s with a message naming the problem', (name, content, read, message) => {
    const file = write(`${name.replace(/\W+/g, '-')}.json`, content());
    expect(() => read(file)).toThrow(ConfigError);
    expect(() => read(file)).toThrow(message);
  });

  it('refuses a key file that is not JSON, naming the variable', () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{ not json');
    expect(() => readGatewayPrivateKey(file)).toThrow(/ONEROOF_GATEWAY_KEY_FILE .* could not be read as JSON/);
  });

  it('refuses to start in production without the key files', async () => {
    const options = { production: true, dataDir: dir, env: {} };
    await expect(loadGatewaySigningKey(options)).rejects.toThrow(/needs ONEROOF_GATEWAY_KEY_FILE/);
    await expect(loadGatewayVerificationKeys(options)).rejects.toThrow(/needs ONEROOF_GATEWAY_JWKS_FILE/);
  });

  it('uses the configured files in production and generated keys in development', async () => {
    const env = {
      ONEROOF_GATEWAY_KEY_FILE: write('prod.json', { privateJwk: pair.privateJwk, jwks: { keys: [pair.publicJwk] } }),
      ONEROOF_GATEWAY_JWKS_FILE: write('prod-jwks.json', { keys: [pair.publicJwk] }),
    };
    await expect(loadGatewaySigningKey({ production: true, dataDir: dir, env })).resolves.toEqual(pair.privateJwk);
    await expect(loadGatewayVerificationKeys({ production: true, dataDir: dir, env })).resolves.toEqual({ keys: [pair.publicJwk] });
    const dev = await ensureDevGatewayKeys(dir);
    await expect(loadGatewaySigningKey({ production: false, dataDir: dir, env: {} })).resolves.toEqual(dev.privateJwk);
    await expect(loadGatewayVerificationKeys({ production: false, dataDir: dir, env: {} })).resolves.toEqual(dev.jwks);
  });
});

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
