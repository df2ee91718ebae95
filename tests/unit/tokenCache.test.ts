import { DEFAULT_TOKEN_LIFETIME } from '../../lib/auth/tokenLifetime';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_ISSUER, mintDevToken } from '../../lib/auth/devIssuer';
import { createVerifiedTokenCache } from '../../lib/auth/tokenCache';
import { createTokenVerifier, TokenError } from '../../lib/auth/tokens';
import type { Viewer } from '../../lib/viewer';

const VIEWER: Viewer = { sub: 'fjc-staff-1', name: 'Case Manager One', agency: 'fjc', roles: ['CASE_MANAGER'] };

describe('the cache of verified tokens', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_700_000_000_000;
  });

  it('answers a token verified earlier, as a copy the caller may change', () => {
    const cache = createVerifiedTokenCache({ now });
    cache.set('token-a', VIEWER, clock / 1000 + 600);
    const first = cache.get('token-a')!;
    expect(first).toEqual(VIEWER);
    first.roles.push('AUDITOR');
    expect(cache.get('token-a')).toEqual(VIEWER);
    expect(cache.get('token-b')).toBeUndefined();
  });

  it('forgets a token at its exp, even within the cache age', () => {
    const cache = createVerifiedTokenCache({ now, maxAgeMs: 60_000 });
    cache.set('token-a', VIEWER, clock / 1000 + 10);
    clock += 9_999;
    expect(cache.get('token-a')).toEqual(VIEWER);
    clock += 1;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('forgets a token after the cache age, even before its exp, so it is verified again', () => {
    const cache = createVerifiedTokenCache({ now, maxAgeMs: 60_000 });
    cache.set('token-a', VIEWER, clock / 1000 + 3600);
    clock += 59_999;
    expect(cache.get('token-a')).toEqual(VIEWER);
    clock += 1;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('never remembers a token that has already expired', () => {
    const cache = createVerifiedTokenCache({ now });
    cache.set('token-a', VIEWER, clock / 1000 - 1);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('holds at most its size, forgetting the oldest first', () => {
    const cache = createVerifiedTokenCache({ now, size: 2 });
    for (const token of ['a', 'b', 'c']) cache.set(token, VIEWER, clock / 1000 + 600);
    expect(['a', 'b', 'c'].map((token) => cache.get(token) !== undefined)).toEqual([false, true, true]);
  });
});

describe('token verification with the cache', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-token-cache-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('accepts a token again and still refuses one whose signature was altered', async () => {
    const verify = await createTokenVerifier({ mode: 'development', issuer: DEV_ISSUER, audience: 'oneroof', dataDir, lifetime: DEFAULT_TOKEN_LIFETIME });
    const token = await mintDevToken(dataDir, VIEWER);
    await expect(verify(token)).resolves.toEqual(VIEWER);
    await expect(verify(token)).resolves.toEqual(VIEWER);
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(verify(altered)).rejects.toBeInstanceOf(TokenError);
  });
});
