import { importJWK, SignJWT } from 'jose';
import { AGENCIES } from '../../lib/agencies';
import { DEV_ISSUER, ensureDevIssuer } from '../../lib/auth/devIssuer';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/** The same token lifetime rules in the gateway and in every subgraph: one verifier for all. */
describe('token lifetime at the gateway and at every subgraph', () => {
  let federation: InProcessFederation;
  let sign: (times: { iat: number; exp: number }) => Promise<string>;
  const now = () => Math.floor(Date.now() / 1000);
  const QUERY = '{ __typename }';

  beforeAll(async () => {
    federation = await startInProcess({ clients: 10 });
    const { privateJwk } = await ensureDevIssuer(federation.dataDir);
    const key = await importJWK(privateJwk, 'ES256');
    sign = (times) =>
      new SignJWT({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'], iss: DEV_ISSUER, aud: 'oneroof', ...times })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' })
        .sign(key);
  });
  afterAll(() => federation.stop());

  it.each([
    ['issued ten years from now', () => ({ iat: now() + 315_360_000, exp: now() + 315_363_600 })],
    ['expiring in ten years', () => ({ iat: now(), exp: now() + 315_360_000 })],
    ['expiring at 1e300', () => ({ iat: now(), exp: 1e300 })],
    ['living five hours', () => ({ iat: now(), exp: now() + 5 * 3600 })],
  ])('refuses a token %s at the gateway and at each subgraph (401), and accepts a four-hour one', async (_name, times) => {
    const bad = await sign(times());
    const good = await sign({ iat: now(), exp: now() + 4 * 3600 });
    const options = (token: string) => ({ token, purpose: 'CASE_MANAGEMENT' });
    expect((await federation.post(QUERY, options(bad))).status).toBe(401);
    expect((await federation.post(QUERY, options(good))).status).toBe(200);
    for (const agency of AGENCIES) {
      const refused = await federation.direct(agency, QUERY, options(bad));
      expect([agency, refused.status, refused.body.errors?.map((e) => e.extensions?.code)]).toEqual([agency, 401, ['UNAUTHENTICATED']]);
      expect([agency, (await federation.direct(agency, QUERY, options(good))).status]).toEqual([agency, 200]);
    }
  });
});
