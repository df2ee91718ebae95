import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet } from 'jose';
import { createAuditAccessVerifier, loadAuditAccessSigner, type AuditAccessSigner, type AuditAccessVerifier } from '../../lib/kit/disclosure/auditAccess';
import { createAssertionVerifier, loadAssertionSigner, type AssertionSigner } from '../../lib/auth/assertions';
import type { RequestContext } from '../../lib/viewer';

const manager: RequestContext = {
  viewer: { sub: 'fjc-staff-1', name: 'x', agency: 'fjc', roles: ['CASE_MANAGER'] },
  purpose: 'CASE_MANAGEMENT',
  requestId: 'r-1',
  token: 't',
};
const auditor: RequestContext = { viewer: { sub: 'audit-1', name: 'y', agency: 'police', roles: ['AUDITOR'] }, purpose: 'AUDIT', requestId: 'r-2', token: 't' };

describe('audit access tokens', () => {
  let dir: string;
  let signer: AuditAccessSigner;
  let assertions: AssertionSigner;
  let verify: AuditAccessVerifier;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-audit-access-'));
    const keyFile = path.join(dir, 'assertion.json');
    assertions = await loadAssertionSigner(keyFile);
    signer = await loadAuditAccessSigner(keyFile);
    verify = createAuditAccessVerifier(createLocalJWKSet(assertions.jwks), 'police');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("gives the client's case manager the subject view, signed with the FJC's published key", async () => {
    await expect(verify(await signer.sign(manager, 'FJC-000001', 'SUBJECT'), manager, 'FJC-000001')).resolves.toBe('SUBJECT');
  });

  it('never widens the view: a token that claims staff identity still gives a case manager the subject view', async () => {
    await expect(verify(await signer.sign(manager, 'FJC-000001', 'AUDITOR'), manager, 'FJC-000001')).resolves.toBe('SUBJECT');
  });

  it('lets an auditor of this agency with purpose AUDIT in on the bearer token alone, and no auditor with another purpose', async () => {
    await expect(verify(undefined, auditor, 'FJC-000001')).resolves.toBe('AUDITOR');
    await expect(verify(undefined, { ...auditor, purpose: 'CASE_MANAGEMENT' }, 'FJC-000001')).resolves.toBeNull();
  });

  it('lets the FJC\'s auditor read across agencies, and no other agency\'s auditor', async () => {
    await expect(verify(undefined, { ...auditor, viewer: { ...auditor.viewer, agency: 'fjc' } }, 'FJC-000001')).resolves.toBe('AUDITOR');
    await expect(verify(undefined, { ...auditor, viewer: { ...auditor.viewer, agency: 'housing' } }, 'FJC-000001')).resolves.toBeNull();
  });

  it.each([
    ['another client', manager, 'FJC-000002'],
    ['another viewer', { ...manager, viewer: { ...manager.viewer, sub: 'fjc-staff-2' } }, 'FJC-000001'],
    ['another purpose', { ...manager, purpose: 'EMERGENCY' as const }, 'FJC-000001'],
    ['a viewer who is no FJC case manager', { ...manager, viewer: { ...manager.viewer, roles: ['FRONT_DESK' as const] } }, 'FJC-000001'],
  ])('is worth nothing for %s', async (_name, replayed, clientId) => {
    await expect(verify(await signer.sign(manager, 'FJC-000001', 'SUBJECT'), replayed, clientId)).resolves.toBeNull();
  });

  it('is no consent assertion, and a consent assertion is no audit access token', async () => {
    const bases = { consent: [], conference: null, emergency: false, jointClient: true, protectedContact: false };
    await expect(verify(await assertions.sign(manager, 'FJC-000001', bases), manager, 'FJC-000001')).resolves.toBeNull();
    const asAssertion = createAssertionVerifier(createLocalJWKSet(assertions.jwks));
    await expect(asAssertion(await signer.sign(manager, 'FJC-000001', 'SUBJECT'), manager, 'FJC-000001')).resolves.toBeNull();
  });

  it('refuses a missing, malformed or foreign token', async () => {
    const foreign = await loadAuditAccessSigner(path.join(dir, 'attacker.json'));
    for (const token of [undefined, '', 'not.a.jws', 42, await foreign.sign(manager, 'FJC-000001', 'SUBJECT')]) {
      await expect(verify(token, manager, 'FJC-000001')).resolves.toBeNull();
    }
  });
});
