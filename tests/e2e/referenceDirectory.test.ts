import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

describe('the reference directory through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ clients: 30 });
  });
  afterAll(() => stack.stop());

  async function agenciesSeenBy(claims: Parameters<TestStack['token']>[0], purpose: string): Promise<string[] | null> {
    const { body } = await postGraphQL<{ client: { agencyLinks: { agency: string }[] | null } }>(
      stack.gatewayUrl, /* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { agencyLinks { agency } } }`,
      { token: await stack.token(claims), purpose },
    );
    return body.data?.client.agencyLinks?.map((l) => l.agency).sort() ?? null;
  }

  it('shows that a mental-health centre knows a client only where health data may be shown', async () => {
    const withoutHealth = ['housing', 'perpetrator-programs', 'police', 'probation', 'youth-care'];
    expect(await agenciesSeenBy({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] }, 'CASE_MANAGEMENT'))
      .toEqual([...withoutHealth, 'mental-health'].sort());
    expect(await agenciesSeenBy({ sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] }, 'INTAKE')).toEqual(withoutHealth);
    expect(await agenciesSeenBy({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] }, 'CASE_MANAGEMENT')).toEqual(withoutHealth);
  });
});
