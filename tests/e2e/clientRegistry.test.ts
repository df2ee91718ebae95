import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterClientInput!) { registerClient(input: $input) { id displayName } }
`;
const FIND = /* GraphQL */ `
  query Find($name: String, $dob: String, $first: Int) {
    findClients(name: $name, dateOfBirth: $dob, first: $first) { totalCount truncated clients { id displayName dateOfBirth } }
  }
`;
const person = (firstName: string, lastName: string, dateOfBirth: string, extra: Record<string, unknown> = {}) => ({
  firstName, lastName, dateOfBirth, gender: 'FEMALE', language: 'nl', interpreterNeeded: false, addressProtected: false, ...extra,
});

type Found = { findClients: { totalCount: number; truncated: boolean; clients: { id: string; displayName: string; dateOfBirth: string }[] } };

describe('finding and registering clients at the FJC', () => {
  let stack: TestStack;
  let frontDesk: string;
  const register = (input: Record<string, unknown>) =>
    postGraphQL<{ registerClient: { id: string; displayName: string } }>(stack.gatewayUrl, REGISTER, { token: frontDesk, purpose: 'INTAKE', variables: { input } });
  const find = (variables: Record<string, unknown>, token = frontDesk) =>
    postGraphQL<Found>(stack.gatewayUrl, FIND, { token, purpose: 'INTAKE', variables });
  const clientCount = () => stack.subgraphs.fjc.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM clients')!.n;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
    frontDesk = await stack.token({ sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] });
    for (const input of [person('Ayşe', 'Çelik', '1988-03-14'), person('Iletos', 'Kest', '1979-11-02'), person('Anna', 'Peeters', '1991-06-30')]) {
      const { body } = await register(input);
      expect(body.errors).toBeUndefined();
    }
  });
  afterAll(() => stack.stop());

  it('finds a name without its accents, in any case', async () => {
    const { body } = await find({ name: 'celik' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.findClients).toEqual({ totalCount: 1, truncated: false, clients: [{ id: expect.any(String), displayName: 'Ayşe Çelik', dateOfBirth: '1988-03-14' }] });
    expect((await find({ name: 'AYSE' })).body.data!.findClients.clients.map((c) => c.displayName)).toEqual(['Ayşe Çelik']);
  });

  it('finds name parts in any order, each by its beginning', async () => {
    for (const name of ['Kest Iletos', 'iletos kest', 'kes ile']) {
      const { body } = await find({ name });
      expect(body.data!.findClients.clients.map((c) => c.displayName)).toEqual(['Iletos Kest']);
    }
    expect((await find({ name: 'Kest Anna' })).body.data!.findClients).toEqual({ totalCount: 0, truncated: false, clients: [] });
  });

  it('finds by date of birth alone, and by name and date of birth together', async () => {
    expect((await find({ dob: '1979-11-02' })).body.data!.findClients.clients.map((c) => c.displayName)).toContain('Iletos Kest');
    expect((await find({ name: 'kest', dob: '1979-11-02' })).body.data!.findClients.totalCount).toBe(1);
    expect((await find({ name: 'kest', dob: '1979-11-03' })).body.data!.findClients.totalCount).toBe(0);
  });

  it('says how many matched and that the list was cut off, and asks for a name or a date', async () => {
    const { body } = await find({ dob: null, name: null, first: 2 });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const byDate = stack.subgraphs.fjc.store.get<{ dob: string; n: number }>(
      'SELECT date_of_birth AS dob, COUNT(*) AS n FROM clients GROUP BY date_of_birth ORDER BY n DESC LIMIT 1')!;
    const cut = await find({ dob: byDate.dob, first: 1 });
    expect(cut.body.data!.findClients).toMatchObject({ totalCount: byDate.n, truncated: byDate.n > 1 });
    expect(cut.body.data!.findClients.clients).toHaveLength(1);
  });

  it('searches through the index of name parts, never by scanning the registry', () => {
    const plan = stack.subgraphs.fjc.store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM clients WHERE id IN (SELECT client_id FROM client_name_tokens WHERE token >= ? AND token < ?
        INTERSECT SELECT client_id FROM client_name_tokens WHERE token >= ? AND token < ?)`)
      .all('kes', 'kes\u{10FFFF}', 'ile', 'ile\u{10FFFF}') as { detail: string }[];
    const details = plan.map((row) => row.detail).join('\n');
    expect(details).not.toMatch(/SCAN clients\b(?! USING)/);
    expect(details).toMatch(/SEARCH client_name_tokens USING PRIMARY KEY \(token>\? AND token<\?\)/);
  });

  it('refuses the search to staff of another agency', async () => {
    const police = await stack.token({ sub: 'pol-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    const { body } = await find({ name: 'celik' }, police);
    expect(body.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a likely duplicate written with look-alike letters, and names the candidate', async () => {
    const original = (await find({ name: 'anna peeters' })).body.data!.findClients.clients[0]!;
    const before = clientCount();
    // Cyrillic А, а and е in place of the Latin letters; first and last name swapped.
    const { body } = await register(person('Реetеrs', 'Аnnа', '1991-06-30'));
    expect(body.data).toBeNull();
    expect(body.errors![0].extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', candidates: [original.id] });
    expect(clientCount()).toBe(before);
  });

  it('refuses an exact duplicate, and registers it once the caller confirms the candidate is another person', async () => {
    const original = (await find({ name: 'anna peeters' })).body.data!.findClients.clients[0]!;
    const refused = await register(person('Anna', 'Peeters', '1991-06-30'));
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', candidates: [original.id] });
    const confirmed = await register(person('Anna', 'Peeters', '1991-06-30', { notDuplicateOf: [original.id] }));
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.registerClient.displayName).toBe('Anna Peeters');
  });

  it('registers the same name born on another day without a warning', async () => {
    const { body } = await register(person('Anna', 'Peeters', '1991-07-01'));
    expect(body.errors).toBeUndefined();
  });

  it.each([
    ['a zero-width space and a right-to-left override', 'Ann\u200B\u202Ea', 'input.firstName'],
    ['a left-to-right mark', 'Ann\u200Ea', 'input.firstName'],
    ['a bidirectional isolate', '\u2066Anna', 'input.firstName'],
    ['a byte-order mark', 'An\uFEFFna', 'input.firstName'],
  ])('refuses a first name with %s, naming the field', async (_what, firstName, field) => {
    const before = clientCount();
    const { body } = await register(person(firstName, 'Zeroplace', '1970-01-01'));
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(clientCount()).toBe(before);
  });

  it('refuses a last name with a control character, naming the field', async () => {
    const { body } = await register(person('Anna', 'Zero\u0007place', '1970-01-01'));
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lastName' });
  });

  it('accepts names with accents, apostrophes, hyphens and non-Latin scripts', async () => {
    const { body } = await register(person("Zoë-Anaïs", "D'Hondt Ŀ Ørsted", '1985-01-01'));
    expect(body.errors).toBeUndefined();
    const greek = await register(person('Κώστας', 'Παπαδόπουλος', '1985-01-02'));
    expect(greek.body.errors).toBeUndefined();
    expect((await find({ name: 'dhondt zoe' })).body.data!.findClients.totalCount).toBe(0);
    expect((await find({ name: 'd hondt zoe' })).body.data!.findClients.totalCount).toBe(1);
  });
});
