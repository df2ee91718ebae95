import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecretKey, randomBytes } from 'node:crypto';
import { createLocalJWKSet } from 'jose';
import { PARTNER_AGENCIES } from '../../lib/agencies';
import { createAssertionVerifier, loadAssertionSigner, type AssertionSigner } from '../../lib/auth/assertions';
import { ensureDevPairKeys, type PairKeys } from '../../lib/auth/pairKeys';
import type { ClientBases } from '../../lib/policy/decide';
import type { RequestContext } from '../../lib/viewer';

const BASES: ClientBases = { consent: ['HEALTH', 'JUSTICE'], conference: null, emergency: false, jointClient: false, protectedContact: true };
const request: RequestContext = {
  viewer: { sub: 'fjc-staff-1', name: 'x', agency: 'fjc', roles: ['CASE_MANAGER'] },
  purpose: 'CASE_MANAGEMENT',
  requestId: 'r-1',
  token: 't',
};
const CLIENT = 'FJC-000001';
const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
const withPayload = (token: string, change: (p: Record<string, unknown>) => void) => {
  const [h, , s] = token.split('.');
  const payload = payloadOf(token);
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
};

describe('consent assertions MACed with a pair key per partner agency', () => {
  let dir: string;
  let keys: PairKeys;
  let signer: AssertionSigner;
  const police = () => createAssertionVerifier(createLocalJWKSet(signer.jwks), { agency: 'police', key: keys.police! });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-assert-mac-'));
    keys = ensureDevPairKeys(dir, 'assertion');
    signer = await loadAssertionSigner(path.join(dir, 'assertion.json'), { macKeys: keys });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries one MAC per partner, each of which checks its own and gets the bases', async () => {
    const assertion = await signer.sign(request, CLIENT, BASES);
    expect(header(assertion)).toEqual({ typ: 'oneroof-assertion+jwt', alg: 'HS256', macs: [...PARTNER_AGENCIES] });
    for (const agency of PARTNER_AGENCIES) {
      const verify = createAssertionVerifier(createLocalJWKSet(signer.jwks), { agency, key: keys[agency]! });
      await expect(verify(assertion, request, CLIENT)).resolves.toEqual(BASES);
    }
  });

  it('signs (EdDSA) when it lacks the pair key of any partner, and partners still accept signatures', async () => {
    const { police: _dropped, ...some } = keys;
    const partial = await loadAssertionSigner(path.join(dir, 'assertion.json'), { macKeys: some });
    const assertion = await partial.sign(request, CLIENT, BASES);
    expect(header(assertion).alg).toBe('EdDSA');
    await expect(police()(assertion, request, CLIENT)).resolves.toEqual(BASES);
  });

  it('is worth nothing under a forged MAC, another partner key, or at an agency without a pair key', async () => {
    const assertion = await signer.sign(request, CLIENT, BASES);
    const forged = await (await loadAssertionSigner(path.join(dir, 'assertion.json'), {
      macKeys: Object.fromEntries(PARTNER_AGENCIES.map((agency) => [agency, createSecretKey(randomBytes(32))])),
    })).sign(request, CLIENT, BASES);
    await expect(police()(forged, request, CLIENT)).resolves.toBeNull();
    const withProbationKey = createAssertionVerifier(createLocalJWKSet(signer.jwks), { agency: 'police', key: keys.probation! });
    await expect(withProbationKey(assertion, request, CLIENT)).resolves.toBeNull();
    await expect(createAssertionVerifier(createLocalJWKSet(signer.jwks))(assertion, request, CLIENT)).resolves.toBeNull();
  });

  it('is worth nothing when its bases or client were changed after the MAC, or its MACs reordered or cut', async () => {
    const assertion = await signer.sign(request, CLIENT, BASES);
    const [h, p, s] = assertion.split('.');
    const macs = Buffer.from(s, 'base64url');
    const swapped = Buffer.concat([macs.subarray(32, 64), macs.subarray(0, 32), macs.subarray(64)]).toString('base64url');
    for (const tampered of [
      withPayload(assertion, (payload) => { payload.bases = { ...BASES, consent: ['CONTACT'] }; }),
      withPayload(assertion, (payload) => { payload.cid = 'FJC-000002'; }),
      `${h}.${p}.${swapped}`,
      `${h}.${p}.${macs.subarray(0, 32).toString('base64url')}`,
      `${Buffer.from(JSON.stringify({ ...header(assertion), macs: ['police'] })).toString('base64url')}.${p}.${macs.subarray(0, 32).toString('base64url')}`,
    ]) {
      await expect(police()(tampered, request, CLIENT)).resolves.toBeNull();
    }
  });

  it.each([
    ['another client', request, 'FJC-000002'],
    ['another viewer', { ...request, viewer: { ...request.viewer, sub: 'fjc-staff-2' } }, CLIENT],
    ['another viewer agency', { ...request, viewer: { ...request.viewer, agency: 'police' as const } }, CLIENT],
    ['another purpose', { ...request, purpose: 'INTAKE' as const }, CLIENT],
    ['another conference', { ...request, conferenceId: 'CONF-000009' }, CLIENT],
  ])('is worth nothing when replayed for %s', async (_name, replayedRequest, clientId) => {
    const assertion = await signer.sign(request, CLIENT, BASES);
    await expect(police()(assertion, replayedRequest as RequestContext, clientId)).resolves.toBeNull();
  });

  it('is worth nothing once older than 60 s, or issued more than 5 s ahead', async () => {
    const t0 = Date.now();
    const assertion = await signer.sign(request, CLIENT, BASES);
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 61_000);
    await expect(police()(assertion, request, CLIENT)).resolves.toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue(t0 - 6_000);
    await expect(police()(assertion, request, CLIENT)).resolves.toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 30_000);
    await expect(police()(assertion, request, CLIENT)).resolves.toEqual(BASES);
  });
});
