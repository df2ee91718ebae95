import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { createMacSigner } from '../../lib/auth/compactSigner';
import { ensureDevPairKeys, loadOwnPairKey, loadPairKeys, readOwnPairKey, readPairKeys, type PairKeys } from '../../lib/auth/pairKeys';
import { createGatewaySignatureVerifier, createGatewaySigner, ensureDevGatewayKeys, GATEWAY_ISSUER, type GatewaySigner } from '../../lib/auth/gatewaySignature';
import type { KeyPairFile } from '../../lib/auth/keyFile';
import { ConfigError } from '../../lib/config';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const BODY = JSON.stringify({ query: /* GraphQL */ `query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, variables: { r: [] } });
const REQUEST = { method: 'POST', body: BODY, requestId: 'req-1' };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (overrides: Record<string, unknown> = {}) => ({
  rid: REQUEST.requestId, mth: 'POST', bsh: createHash('sha256').update(BODY).digest('base64url'),
  iss: GATEWAY_ISSUER, aud: 'police', iat: Math.floor(T0 / 1000), jti: 'j-1', ...overrides,
});

describe('gateway request MACs with a pair key per agency', () => {
  let dataDir: string;
  let pair: KeyPairFile;
  let macKeys: PairKeys;
  let clock: number;
  let signer: GatewaySigner;
  const now = () => clock;
  const police = () => createGatewaySignatureVerifier({ keys: pair.jwks, agency: 'police', macKey: macKeys.police, now });
  const mac = (overrides: Partial<Parameters<GatewaySigner['sign']>[0]> = {}) => signer.sign({ ...REQUEST, audience: 'police', ...overrides });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-gateway-mac-'));
    pair = await ensureDevGatewayKeys(dataDir);
    macKeys = ensureDevPairKeys(dataDir, 'gateway');
    signer = await createGatewaySigner(pair.privateJwk, { now, macKeys });
  });
  beforeEach(() => {
    clock = T0;
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('MACs a request for an agency with a pair key (HS256) and the agency accepts it', async () => {
    const token = await mac();
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ typ: 'oneroof-gateway+jwt', alg: 'HS256' });
    await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(true);
  });

  it('still signs (EdDSA) for an agency without a pair key, and an agency with one still accepts signatures', async () => {
    const signOnly = await createGatewaySigner(pair.privateJwk, { now });
    const token = await signOnly.sign({ ...REQUEST, audience: 'police' });
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg).toBe('EdDSA');
    await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(true);
  });

  it('refuses a MAC made with any other key: forged, or another agency pair key', async () => {
    const forged = createMacSigner(createSecretKey(randomBytes(32)))({ typ: 'oneroof-gateway+jwt' }, claims());
    const probationKey = createMacSigner(macKeys.probation!)({ typ: 'oneroof-gateway+jwt' }, claims());
    await expect(police().verify({ ...REQUEST, signature: forged })).resolves.toBe(false);
    await expect(police().verify({ ...REQUEST, signature: probationKey })).resolves.toBe(false);
  });

  it('refuses a MAC made for another agency, which that agency accepts', async () => {
    const token = await mac({ audience: 'probation' });
    await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(false);
    const probation = createGatewaySignatureVerifier({ keys: pair.jwks, agency: 'probation', macKey: macKeys.probation, now });
    await expect(probation.verify({ ...REQUEST, signature: token })).resolves.toBe(true);
  });

  it('refuses a MAC older than 30 s or more than 5 s ahead', async () => {
    const token = await mac();
    clock = T0 + 31_000;
    await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(false);
    clock = T0 - 6_000;
    await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(false);
    clock = T0 + 29_000;
    await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(true);
  });

  it('accepts each MAC once: a replay is refused', async () => {
    const verifier = police();
    const token = await mac();
    await expect(verifier.verify({ ...REQUEST, signature: token })).resolves.toBe(true);
    await expect(verifier.verify({ ...REQUEST, signature: token })).resolves.toBe(false);
  });

  it('refuses a MAC over another body, request id or method', async () => {
    const token = await mac();
    await expect(police().verify({ ...REQUEST, body: `${BODY} `, signature: token })).resolves.toBe(false);
    await expect(police().verify({ ...REQUEST, requestId: 'req-2', signature: token })).resolves.toBe(false);
    await expect(police().verify({ ...REQUEST, method: 'GET', signature: token })).resolves.toBe(false);
  });

  it('refuses a MAC at an agency that holds no pair key, and one keyed with the gateway public key (algorithm confusion)', async () => {
    const noKey = createGatewaySignatureVerifier({ keys: pair.jwks, agency: 'police', now });
    await expect(noKey.verify({ ...REQUEST, signature: await mac() })).resolves.toBe(false);
    const publicBytes = Buffer.from(JSON.stringify(pair.jwks.keys[0]));
    const input = `${encode({ alg: 'HS256', typ: 'oneroof-gateway+jwt' })}.${encode(claims())}`;
    const confused = `${input}.${createHmac('sha256', publicBytes).update(input).digest('base64url')}`;
    await expect(noKey.verify({ ...REQUEST, signature: confused })).resolves.toBe(false);
    await expect(police().verify({ ...REQUEST, signature: confused })).resolves.toBe(false);
  });

  it('refuses a MAC with a wrong typ, issuer, or without a jti, and an unsigned alg none token', async () => {
    const withKey = (header: Record<string, unknown>, payload: Record<string, unknown>) => createMacSigner(macKeys.police!)(header, payload);
    const { jti: _jti, ...noJti } = claims();
    for (const token of [
      withKey({ typ: 'JWT' }, claims()),
      withKey({ typ: 'oneroof-gateway+jwt' }, claims({ iss: 'urn:someone' })),
      withKey({ typ: 'oneroof-gateway+jwt' }, noJti),
      `${encode({ alg: 'none', typ: 'oneroof-gateway+jwt' })}.${encode(claims())}.`,
    ]) {
      await expect(police().verify({ ...REQUEST, signature: token })).resolves.toBe(false);
    }
  });
});

describe('pair key files', () => {
  let dir: string;
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const secret = () => randomBytes(32).toString('base64url');
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-mac-files-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the gateway file and each agency its own entry, and refuses another agency entry', () => {
    const police = secret();
    const file = write('gateway.json', { keys: { police, probation: secret() } });
    expect(Object.keys(readPairKeys(file, 'gateway'))).toEqual(['police', 'probation']);
    const own = write('police.json', { agency: 'police', key: police });
    expect(readOwnPairKey(own, 'gateway', 'police').export().toString('base64url')).toBe(police);
    expect(() => readOwnPairKey(own, 'gateway', 'probation')).toThrow(/is the key of "police", not of probation/);
  });

  it('refuses short secrets, unknown agencies and one secret for two agencies', () => {
    const shared = secret();
    expect(() => readPairKeys(write('short.json', { keys: { police: randomBytes(16).toString('base64url') } }), 'gateway')).toThrow(ConfigError);
    expect(() => readPairKeys(write('unknown.json', { keys: { nowhere: secret() } }), 'gateway')).toThrow(/no agency of the registry/);
    expect(() => readPairKeys(write('shared.json', { keys: { police: shared, probation: shared } }), 'gateway')).toThrow(/each pair needs its own/);
    expect(() => readOwnPairKey(write('agency-short.json', { agency: 'police', key: 'abc' }), 'gateway', 'police')).toThrow(/at least 32 bytes/);
  });

  it('uses no pair keys in production unless configured, and development ones otherwise', () => {
    const dataDir = path.join(dir, 'data');
    expect(loadPairKeys('gateway', { production: true, dataDir, env: {} })).toEqual({});
    expect(loadOwnPairKey('gateway', 'police', { production: true, dataDir, env: {} })).toBeUndefined();
    const dev = loadPairKeys('gateway', { production: false, dataDir, env: {} });
    expect(loadOwnPairKey('gateway', 'police', { production: false, dataDir, env: {} })!.equals(dev.police!)).toBe(true);
    expect(loadPairKeys('assertion', { production: false, dataDir, env: {} }).police!.equals(dev.police!)).toBe(false);
    const file = write('configured.json', { agency: 'police', key: secret() });
    expect(loadOwnPairKey('gateway', 'police', { production: true, dataDir, env: { ONEROOF_GATEWAY_MAC_KEY_FILE: file } })).toBeDefined();
    expect(loadOwnPairKey('assertion', 'police', { production: true, dataDir, env: { ONEROOF_GATEWAY_MAC_KEY_FILE: file } })).toBeUndefined();
  });
});
