import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import { ASSERTION_TYP, createAssertionVerifier, loadAssertionSigner, type AssertionSigner } from '../../lib/auth/assertions';
import { createCompactSigner } from '../../lib/auth/compactSigner';
import { ensureKeyPair } from '../../lib/auth/keyFile';
import type { ClientBases } from '../../lib/policy/decide';
import type { RequestContext } from '../../lib/viewer';

const BASES: ClientBases = { consent: ['HEALTH'], conference: null, emergency: false, jointClient: true, protectedContact: false };
const request: RequestContext = {
  viewer: { sub: 'fjc-staff-1', name: 'x', agency: 'fjc', roles: ['CASE_MANAGER'] },
  purpose: 'CASE_MANAGEMENT',
  requestId: 'r-1',
  token: 't',
};

describe('consent assertions', () => {
  let dir: string;
  let signer: AssertionSigner;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-assert-'));
    signer = await loadAssertionSigner(path.join(dir, 'assertion.json'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries the bases to an agency that verifies it for the same viewer, purpose and client', async () => {
    const verify = createAssertionVerifier(createLocalJWKSet(signer.jwks));
    const assertion = await signer.sign(request, 'FJC-000001', BASES);
    await expect(verify(assertion, request, 'FJC-000001')).resolves.toEqual(BASES);
  });

  it.each([
    ['another client', request, 'FJC-000002'],
    ['another viewer', { ...request, viewer: { ...request.viewer, sub: 'fjc-staff-2' } }, 'FJC-000001'],
    ['another agency', { ...request, viewer: { ...request.viewer, agency: 'police' as const } }, 'FJC-000001'],
    ['another purpose', { ...request, purpose: 'INTAKE' as const }, 'FJC-000001'],
    ['another conference', { ...request, conferenceId: 'CONF-9' }, 'FJC-000001'],
  ])('is worth nothing when replayed for %s', async (_name, replayedRequest, clientId) => {
    const verify = createAssertionVerifier(createLocalJWKSet(signer.jwks));
    const assertion = await signer.sign(request, 'FJC-000001', BASES);
    await expect(verify(assertion, replayedRequest as RequestContext, clientId)).resolves.toBeNull();
  });

  it('is worth nothing when missing, malformed or signed by another key', async () => {
    const verify = createAssertionVerifier(createLocalJWKSet(signer.jwks));
    const other = await loadAssertionSigner(path.join(dir, 'other.json'));
    await expect(verify(undefined, request, 'FJC-000001')).resolves.toBeNull();
    await expect(verify('a.b.c', request, 'FJC-000001')).resolves.toBeNull();
    await expect(verify(await other.sign(request, 'FJC-000001', BASES), request, 'FJC-000001')).resolves.toBeNull();
  });

  it('is worth nothing with another typ header, though signed by the FJC with the same claims (AP-ASSERT-6)', async () => {
    const verify = createAssertionVerifier(createLocalJWKSet(signer.jwks));
    const valid = await signer.sign(request, 'FJC-000001', BASES);
    const [header, payload] = valid.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header!.typ).toBe(ASSERTION_TYP);
    const { privateJwk } = await ensureKeyPair(path.join(dir, 'assertion.json'), 'EdDSA');
    const resign = createCompactSigner(privateJwk, 'EdDSA');
    // The same key and claims: only the header's typ decides.
    await expect(verify(await resign({ kid: privateJwk.kid, typ: ASSERTION_TYP }, payload!), request, 'FJC-000001')).resolves.toEqual(BASES);
    for (const typ of ['JWT', 'at+jwt', undefined]) {
      await expect(verify(await resign({ kid: privateJwk.kid, ...(typ ? { typ } : {}) }, payload!), request, 'FJC-000001')).resolves.toBeNull();
    }
  });

  it('fails closed when the FJC cannot be reached for its keys', async () => {
    const verify = createAssertionVerifier(createRemoteJWKSet(new URL('http://127.0.0.1:9/.well-known/jwks.json'), { timeoutDuration: 500 }));
    const assertion = await signer.sign(request, 'FJC-000001', BASES);
    await expect(verify(assertion, request, 'FJC-000001')).resolves.toBeNull();
  });
});
