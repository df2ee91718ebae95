import type { Tamper } from '../mint';
import { TOKEN_DEFAULTS } from '../protocol';
import type { Suite } from '../suite';
import type { Answer } from '../transport';
import { expectRefused } from './requests';

const now = () => Math.floor(Date.now() / 1000);

/** AP-TOKEN-1 to AP-TOKEN-7: every kind of bad bearer token is refused, with one answer for all. */
export async function checkTokens(suite: Suite): Promise<void> {
  const viewer = suite.viewers.own;
  const maxLifetime = suite.options.maxLifetimeSeconds ?? TOKEN_DEFAULTS.maxLifetimeSeconds;
  const skew = suite.options.clockSkewSeconds ?? TOKEN_DEFAULTS.clockSkewSeconds;
  const answers: Answer[] = [];
  const refuse = async (id: string, name: string, token: string | null, headers?: Record<string, string>) => {
    answers.push(await expectRefused(suite, id, name, { viewer: null, ...(token === null ? {} : { token }), headers }, 401, 'UNAUTHENTICATED'));
  };
  const tampered = (tamper: Tamper) => suite.mint.userToken(viewer, tamper);

  await refuse('AP-TOKEN-1', 'no Authorization header', null);
  await refuse('AP-TOKEN-1', 'Authorization that is no bearer token', null, { authorization: 'Basic Y29uZm9ybWFuY2U6c3VpdGU=' });
  await refuse('AP-TOKEN-1', 'a bearer token that is no JWT', 'not-a-jwt');

  await refuse('AP-TOKEN-2', 'signed with another key under the real kid', await tampered({ foreignKey: true }));
  await refuse('AP-TOKEN-2', 'a kid the JWKS does not hold', await tampered({ header: { kid: 'conformance-unknown-key' } }));
  await refuse('AP-TOKEN-2', 'alg none', await tampered({ alg: 'none' }));
  await refuse('AP-TOKEN-2', 'HS256 with a shared secret', await tampered({ alg: 'HS256' }));
  const [header, , signature] = (await suite.mint.userToken(viewer)).split('.');
  const claims = Buffer.from(JSON.stringify({ sub: viewer.sub, agency: viewer.agency, roles: ['AUDITOR', 'AGENCY_STAFF'], iss: suite.setup.issuer, aud: suite.setup.audience, iat: now(), exp: now() + 3600 })).toString('base64url');
  await refuse('AP-TOKEN-2', 'claims changed after signing', `${header}.${claims}.${signature}`);

  await refuse('AP-TOKEN-3', 'another issuer', await tampered({ claims: { iss: 'https://idp.attacker.example' } }));
  await refuse('AP-TOKEN-3', 'another audience', await tampered({ claims: { aud: 'another-application' } }));

  await refuse('AP-TOKEN-4', 'expired', await tampered({ claims: { iat: now() - 7200, exp: now() - 3600 } }));
  await refuse('AP-TOKEN-4', 'no exp', await tampered({ claims: { exp: undefined } }));
  await refuse('AP-TOKEN-4', 'nbf in an hour', await tampered({ claims: { nbf: now() + 3600 } }));

  await refuse('AP-TOKEN-5', 'no iat', await tampered({ claims: { iat: undefined } }));
  await refuse('AP-TOKEN-5', `iat ${skew + 120} s ahead`, await tampered({ claims: { iat: now() + skew + 120, exp: now() + skew + 1320 } }));
  await refuse('AP-TOKEN-5', `lifetime ${maxLifetime + 60} s`, await tampered({ claims: { iat: now(), exp: now() + maxLifetime + 60 } }));

  await refuse('AP-TOKEN-6', 'no sub', await tampered({ claims: { sub: undefined } }));
  await refuse('AP-TOKEN-6', 'sub of 201 characters', await tampered({ claims: { sub: 'x'.repeat(201) } }));
  await refuse('AP-TOKEN-6', 'an unknown agency', await tampered({ claims: { agency: 'secret-service' } }));
  await refuse('AP-TOKEN-6', 'no roles', await tampered({ claims: { roles: [] } }));
  await refuse('AP-TOKEN-6', 'an unknown role', await tampered({ claims: { roles: ['ROOT'] } }));
  await refuse('AP-TOKEN-6', 'roles that are no list', await tampered({ claims: { roles: 'AGENCY_STAFF' } }));

  const messages = new Set(answers.map((a) => JSON.stringify(a.body?.errors?.map((e) => e.message) ?? null)));
  suite.check('AP-TOKEN-7', `one answer for ${answers.length} refused tokens`, messages.size === 1, `messages: ${[...messages].join(' / ')}`);
}
