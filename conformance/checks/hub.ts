import { createHmac, timingSafeEqual } from 'node:crypto';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { ASSERTION, CATEGORIES, HEADER } from '../protocol';
import type { Suite } from '../suite';
import { describe, isRefusal } from './requests';
import { ENTITY_QUERY } from './scenario';

const nowSeconds = () => Math.floor(Date.now() / 1000);

function basesShapeOk(bases: unknown): boolean {
  if (typeof bases !== 'object' || bases === null) return false;
  const b = bases as Record<string, unknown>;
  return Array.isArray(b.consent) && b.consent.every((c) => (CATEGORIES as readonly unknown[]).includes(c))
    && (b.conference === null || typeof b.conference === 'string')
    && ['emergency', 'jointClient', 'protectedContact'].every((flag) => typeof b[flag] === 'boolean');
}

/**
 * The claims of an assertion the FJC MACed for its partners (AP-ASSERT-8): the MAC of the first
 * partner the suite holds a pair key of must hold. Throws, like `compactVerify`, when it does not.
 */
export function macVerifiedClaims(token: string, pairKeys: Record<string, string>): Record<string, unknown> {
  const [protectedHeader, payload, macs] = token.split('.') as [string, string, string];
  const listed = decodeProtectedHeader(token).macs;
  if (!Array.isArray(listed)) throw new Error('an HS256 assertion without a "macs" header');
  const index = listed.findIndex((agency) => typeof agency === 'string' && pairKeys[agency] !== undefined);
  if (index < 0) throw new Error(`MACed for ${JSON.stringify(listed)}, none of whom the suite holds a pair key of`);
  const all = Buffer.from(macs, 'base64url');
  const given = all.subarray(index * 32, index * 32 + 32);
  const expected = createHmac('sha256', Buffer.from(pairKeys[listed[index] as string]!, 'base64url')).update(`${protectedHeader}.${payload}`).digest();
  if (all.length !== listed.length * 32 || !timingSafeEqual(given, expected)) throw new Error(`the MAC for ${String(listed[index])} does not verify with the suite's pair key`);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** AP-FJC-1 to AP-FJC-4: what the FJC's subgraph owes the partner agencies. */
export async function checkHub(suite: Suite): Promise<void> {
  const jwks = await suite.transport.get('.well-known/jwks.json');
  const keys = ((jwks.body as JSONWebKeySet | null)?.keys ?? []) as unknown as Record<string, unknown>[];
  const usable = keys.length > 0 && keys.every((k) => k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.kid === 'string' && k.d === undefined);
  suite.check('AP-FJC-1', 'GET /.well-known/jwks.json: Ed25519 public keys with a kid', jwks.status === 200 && usable, `HTTP ${jwks.status} ${JSON.stringify(jwks.body).slice(0, 200)}`);

  for (const viewer of [suite.viewers.caseManager, suite.viewers.perpetratorSide]) {
    const answer = await suite.transport.send({ query: ENTITY_QUERY('accessAssertion'), variables: { representations: [{ __typename: 'Client', id: suite.client }] }, viewer, purpose: 'CASE_MANAGEMENT' });
    const token = (answer.body?.data?._entities as { accessAssertion?: unknown }[] | undefined)?.[0]?.accessAssertion;
    let problem: string | null = typeof token === 'string' ? null : `no assertion: ${describe(answer)}`;
    if (!problem && usable) {
      try {
        const { typ, alg } = decodeProtectedHeader(token as string);
        const claims = alg === 'HS256'
          ? macVerifiedClaims(token as string, suite.setup.assertionMacKeys)
          : (JSON.parse(new TextDecoder().decode((await compactVerify(token as string, createLocalJWKSet({ keys } as unknown as JSONWebKeySet), { algorithms: ['EdDSA'] })).payload)) as Record<string, unknown>);
        const want = { typ: ASSERTION.typ, iss: ASSERTION.issuer, aud: ASSERTION.audience, sub: viewer.sub, agency: viewer.agency, pur: 'CASE_MANAGEMENT', cid: suite.client, conf: undefined };
        const got = { typ, iss: claims.iss, aud: claims.aud, sub: claims.sub, agency: claims.agency, pur: claims.pur, cid: claims.cid, conf: claims.conf };
        const iat = Number(claims.iat);
        const exp = Number(claims.exp);
        if (JSON.stringify(got) !== JSON.stringify(want)) problem = `claims ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
        else if (!(Math.abs(iat - nowSeconds()) <= 5 && exp > iat && exp - iat <= ASSERTION.maxAgeSeconds)) problem = `iat ${iat}, exp ${exp}`;
        else if (!basesShapeOk(claims.bases)) problem = `bases ${JSON.stringify(claims.bases)}`;
      } catch (error) {
        problem = `does not verify with the served keys: ${(error as Error).message}`;
      }
    }
    suite.check('AP-FJC-2', `an assertion for ${viewer.agency} ${viewer.roles.join()} verifies and names viewer, purpose and client`, problem === null, problem ?? undefined);
  }

  const stranger = await suite.transport.send({ query: ENTITY_QUERY('id'), variables: { representations: [{ __typename: 'Client', id: suite.stranger }] }, viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT' });
  const entities = stranger.body?.data?._entities as unknown[] | undefined;
  suite.check('AP-FJC-3', `${suite.stranger}, never registered, resolves to null`, stranger.status === 200 && entities?.length === 1 && entities[0] === null && !stranger.body?.errors, describe(stranger));

  const conference = await suite.transport.send({ query: '{ __typename }', viewer: suite.viewers.caseManager, purpose: 'SECURITY_CONFERENCE', headers: { [HEADER.conference]: 'CONF-999999999999' } });
  suite.check('AP-FJC-4', 'a conference that does not exist: 403 INVALID_BASIS', isRefusal(conference, 403, 'INVALID_BASIS'), describe(conference));
}
