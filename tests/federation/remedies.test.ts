import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import type { GraphQLResponse } from '../helpers/graphql';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * Every withheld-field error says what would release it (`extensions.remedy`), from the gateway
 * (FORBIDDEN before planning) and from each owning subgraph (CONSENT_REQUIRED, PROTECTED, and
 * FORBIDDEN of its own), beside the code, category, agency and reason it always carried.
 */
const { victim, knownToAll: perpetrator } = FIXTURE_CLIENTS;
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-remedy', agency: 'fjc', roles: ['CASE_MANAGER'] };
const DESK: DevTokenClaims = { sub: 'fjc-desk-remedy', agency: 'fjc', roles: ['FRONT_DESK'] };
const HOUSING: DevTokenClaims = { sub: 'housing-remedy', agency: 'housing', roles: ['AGENCY_STAFF'] };
const PROBATION: DevTokenClaims = { sub: 'probation-remedy', agency: 'probation', roles: ['AGENCY_STAFF'] };

type Errors = NonNullable<GraphQLResponse['body']['errors']>;
/** The extensions of the error at `path`, without Apollo's own `serviceName`. */
function at(errors: Errors | undefined, path: string) {
  const { serviceName: _service, ...extensions } = (errors ?? []).find((e) => e.path?.join('.') === path)?.extensions ?? {};
  return extensions;
}

describe('remedies on withheld fields', () => {
  let federation: InProcessFederation;
  const send = async (claims: DevTokenClaims, purpose: string, query: string) =>
    (await federation.post(query, { token: await federation.token(claims), purpose })).body;

  beforeAll(async () => {
    federation = await startInProcess({ clients: 20 });
  });
  afterAll(() => federation.stop());

  it('names the consent a subgraph needs (CONSENT_REQUIRED), with a security conference as the alternative where one opens the category', async () => {
    const body = await send(HOUSING, 'CASE_MANAGEMENT', /* GraphQL */ `{ client(id: "${perpetrator}") { police { barringOrders { id } } mentalHealth { involved } } }`);
    expect(at(body.errors, 'client.police.barringOrders')).toEqual({
      code: 'CONSENT_REQUIRED', category: 'SAFETY', agency: 'police', reason: 'NO_BASIS',
      remedy: { kind: 'CONSENT', category: 'SAFETY', grantee: 'housing', purpose: 'CASE_MANAGEMENT', alternatives: [{ kind: 'SECURITY_CONFERENCE', category: 'SAFETY' }] },
    });
    expect(at(body.errors, 'client.mentalHealth.involved')).toEqual({
      code: 'CONSENT_REQUIRED', category: 'HEALTH', agency: 'mental-health', reason: 'NO_BASIS',
      remedy: { kind: 'CONSENT', category: 'HEALTH', grantee: 'housing', purpose: 'CASE_MANAGEMENT' },
    });
  });

  it('offers nothing for a protected victim\'s contact data (PROTECTED)', async () => {
    const body = await send(PROBATION, 'CASE_MANAGEMENT', /* GraphQL */ `{ client(id: "${victim}") { phone } }`);
    expect(body.data).toEqual({ client: { phone: null } });
    expect(at(body.errors, 'client.phone')).toEqual({ code: 'PROTECTED', category: 'CONTACT', agency: 'fjc', reason: 'PROTECTED_CONTACT', remedy: { kind: 'NONE', category: 'CONTACT' } });
  });

  it('names the purposes that would reach a field the gateway removed (FORBIDDEN), or none above the role\'s ceiling', async () => {
    const manager = await send(MANAGER, 'INTAKE', /* GraphQL */ `{ client(id: "${victim}") { phone } }`);
    expect(at(manager.errors, 'client.phone')).toEqual({
      code: 'FORBIDDEN', category: 'CONTACT', agency: 'fjc', reason: 'ABOVE_CEILING',
      remedy: { kind: 'PURPOSE', category: 'CONTACT', purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'] },
    });
    const desk = await send(DESK, 'INTAKE', /* GraphQL */ `{ client(id: "${victim}") { phone } }`);
    expect(at(desk.errors, 'client.phone')).toEqual({ code: 'FORBIDDEN', category: 'CONTACT', agency: 'fjc', reason: 'ABOVE_CEILING', remedy: { kind: 'NONE', category: 'CONTACT' } });
  });

  it('names the purposes for a field the FJC refuses above the ceiling itself, asked as another router would (a case plan under intake)', async () => {
    const { body } = await federation.direct('fjc', /* GraphQL */ `{ cases(first: 1) { id planItems { id } } }`, { token: await federation.token(MANAGER), purpose: 'INTAKE' });
    expect(at(body.errors, 'cases.0.planItems')).toEqual({
      code: 'FORBIDDEN', category: 'SAFETY', agency: 'fjc', reason: 'ABOVE_CEILING',
      remedy: { kind: 'PURPOSE', category: 'SAFETY', purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY'] },
    });
  });
});
