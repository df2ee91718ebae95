import { importJWK, SignJWT } from 'jose';
import { ensureKeyPair } from '../../lib/auth/keyFile';
import { ASSERTION_AUDIENCE, ASSERTION_ISSUER, ASSERTION_TYP } from '../../lib/auth/assertions';
import { PARTNER_AGENCIES, FILE_FIELDS } from '../../lib/agencies';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { assertionKeyFile } from '../../lib/kit/agency/agencyRuntime';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * The subgraphs enforce the policy on their own: these are the requests any Federation 2 router
 * would send, sent straight to each subgraph, with and without a valid consent assertion.
 */
const ENTITIES = /* GraphQL */ `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Client { FILE } } }`;
const ASSERTION = /* GraphQL */ `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Client { accessAssertion } } }`;

type Entities = { _entities: Record<string, { involved: boolean } | null>[] };

describe('subgraphs asked directly, as another router would', () => {
  let stack: TestStack;
  let caseManager: string;
  let police: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 60 });
    caseManager = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    police = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
  });
  afterAll(() => stack.stop());

  async function assertionFor(token: string, clientId: string, purpose = 'CASE_MANAGEMENT'): Promise<string> {
    const { body } = await postGraphQL<{ _entities: { accessAssertion: string }[] }>(stack.subgraphs.fjc.url, ASSERTION, {
      token, purpose, variables: { representations: [{ __typename: 'Client', id: clientId }] },
    });
    return body.data!._entities[0].accessAssertion;
  }

  async function fileOf(agency: (typeof PARTNER_AGENCIES)[number], token: string, representation: Record<string, unknown>, purpose = 'CASE_MANAGEMENT') {
    const field = FILE_FIELDS[agency];
    const { body } = await postGraphQL<Entities>(stack.subgraphs[agency].url, ENTITIES.replace('FILE', `${field} { involved }`), {
      token, purpose, variables: { representations: [{ __typename: 'Client', ...representation }] },
    });
    return { file: body.data?._entities[0]?.[field] ?? null, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  }

  it('shows the FJC joint client\'s involvement to every agency only with a valid assertion', async () => {
    const id = FIXTURE_CLIENTS.knownToAll;
    const accessAssertion = await assertionFor(caseManager, id);
    for (const agency of PARTNER_AGENCIES.filter((a) => a !== 'mental-health')) {
      expect(await fileOf(agency, caseManager, { id, accessAssertion })).toEqual({ file: { involved: true }, codes: [] });
      expect(await fileOf(agency, caseManager, { id })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
    }
  });

  it('keeps health data behind consent even with a valid assertion', async () => {
    const id = FIXTURE_CLIENTS.knownToAll;
    const accessAssertion = await assertionFor(caseManager, id);
    expect(await fileOf('mental-health', caseManager, { id, accessAssertion })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
  });

  it('refuses an assertion replayed for another client, purpose or viewer', async () => {
    const accessAssertion = await assertionFor(caseManager, FIXTURE_CLIENTS.knownToAll);
    const otherClient = await fileOf('police', caseManager, { id: FIXTURE_CLIENTS.victim, accessAssertion });
    expect(otherClient).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
    const otherPurpose = await fileOf('police', caseManager, { id: FIXTURE_CLIENTS.knownToAll, accessAssertion }, 'SECURITY_CONFERENCE');
    expect(otherPurpose.file).toBeNull();
    const housing = await stack.token({ sub: 'housing-staff-1', agency: 'housing', roles: ['AGENCY_STAFF'] });
    expect(await fileOf('police', housing, { id: FIXTURE_CLIENTS.knownToAll, accessAssertion })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
  });

  it('refuses a forged or expired assertion', async () => {
    const id = FIXTURE_CLIENTS.knownToAll;
    const { privateJwk } = await ensureKeyPair(assertionKeyFile(stack.dataDir), 'EdDSA');
    const key = await importJWK(privateJwk, 'EdDSA');
    const claims = { agency: 'fjc', pur: 'CASE_MANAGEMENT', cid: id, bases: { consent: ['HEALTH'], conference: null, emergency: false, jointClient: true, protectedContact: false } };
    const sign = (issuedAt: number, signingKey = key, kid = privateJwk.kid, typ: string | null = ASSERTION_TYP) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid, ...(typ ? { typ } : {}) }).setIssuer(ASSERTION_ISSUER).setAudience(ASSERTION_AUDIENCE)
        .setSubject('fjc-staff-1').setIssuedAt(issuedAt).setExpirationTime(issuedAt + 60).sign(signingKey);
    const now = Math.floor(Date.now() / 1000);
    expect(await fileOf('mental-health', caseManager, { id, accessAssertion: await sign(now) })).toEqual({ file: { involved: true }, codes: [] });
    expect(await fileOf('mental-health', caseManager, { id, accessAssertion: await sign(now - 120) })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
    // The FJC's key and claims, but not the assertion's typ: another kind of token (AP-ASSERT-6).
    expect(await fileOf('mental-health', caseManager, { id, accessAssertion: await sign(now, key, privateJwk.kid, null) })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
    const forger = await ensureKeyPair(`${stack.dataDir}/forger/key.json`, 'EdDSA');
    const forged = await sign(now, await importJWK(forger.privateJwk, 'EdDSA'));
    expect(await fileOf('mental-health', caseManager, { id, accessAssertion: forged })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
    expect(await fileOf('mental-health', caseManager, { id, accessAssertion: 'not-a-jws' })).toEqual({ file: null, codes: ['CONSENT_REQUIRED'] });
  });

  it('still shows an agency\'s own records to its own staff without any assertion', async () => {
    const { body } = await postGraphQL<{ _entities: { police: { involved: boolean; interventions: unknown[] } }[] }>(
      stack.subgraphs.police.url, ENTITIES.replace('FILE', 'police { involved interventions { kind } }'),
      { token: police, purpose: 'CASE_MANAGEMENT', variables: { representations: [{ __typename: 'Client', id: FIXTURE_CLIENTS.knownToAll }] } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities[0].police.involved).toBe(true);
    expect(body.data!._entities[0].police.interventions.length).toBeGreaterThan(0);
  });

  it('never lets a coordinator read a person field, with or without an assertion', async () => {
    const coordinator = await stack.token({ sub: 'fjc-coord-1', agency: 'fjc', roles: ['COORDINATOR'] });
    const accessAssertion = await assertionFor(coordinator, FIXTURE_CLIENTS.knownToAll, 'STATISTICS');
    expect(await fileOf('police', coordinator, { id: FIXTURE_CLIENTS.knownToAll, accessAssertion }, 'STATISTICS'))
      .toEqual({ file: null, codes: ['FORBIDDEN'] });
  });
});
