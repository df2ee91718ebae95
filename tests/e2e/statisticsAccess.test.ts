import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * Who gets figures, and how refusals look: on `/graphql`, on `/statistics.csv` (which must refuse
 * exactly as `/graphql` does), and at an agency asked directly, as another router would.
 */
const PERIOD = { from: '2026-01-01', to: '2026-06-30', granularity: 'QUARTER' } as const;
const ENTITIES = /* GraphQL */ `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Statistics { police { barringOrdersImposed { label total { value suppressed } } } } }
}`;
const SMALL_QUERY = /* GraphQL */ `query ($period: StatisticsPeriodInput!) {
  statistics(period: $period) { fjc { consentsRecorded { label } } police { barringOrdersImposed { label } } }
}`;

describe('access to statistics', () => {
  let stack: TestStack;
  let coordinator: string;
  let csvUrl: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 60, breakerFailures: 100 });
    coordinator = await stack.token({ sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] });
    csvUrl = stack.gatewayUrl.replace(/graphql$/, `statistics.csv?${new URLSearchParams(PERIOD).toString()}`);
  });
  afterAll(() => stack.stop());

  const direct = (representation: Record<string, unknown>, purpose: string) =>
    postGraphQL<{ _entities: ({ police: unknown } | null)[] }>(stack.subgraphs.police.url, ENTITIES, {
      token: coordinator, purpose, variables: { representations: [{ __typename: 'Statistics', ...representation }] },
    });

  it('lets an agency asked directly give its figures for purpose STATISTICS, and refuse them for any other', async () => {
    const granted = await direct(PERIOD, 'STATISTICS');
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data!._entities[0]!.police).toEqual({ barringOrdersImposed: { label: 'ALL', total: expect.any(Object) } });
    const refused = await direct(PERIOD, 'CASE_MANAGEMENT');
    expect(refused.body.data?._entities?.[0] ?? null).toBeNull();
    expect(refused.body.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('lets an agency asked directly check the period itself, trusting no router', async () => {
    const { body } = await direct({ from: '2026-01-10', to: '2026-06-30', granularity: 'QUARTER' }, 'STATISTICS');
    expect(body.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'period.from']]);
  });

  it.each([
    ['no token', {}, 401, 'UNAUTHENTICATED'],
    ['no purpose', { token: true }, 400, 'PURPOSE_REQUIRED'],
    ['an unknown purpose', { token: true, purpose: 'DASHBOARD' }, 400, 'PURPOSE_REQUIRED'],
  ] as const)('refuses the CSV with %s exactly as /graphql does', async (_what, ask, status, code) => {
    const headers: Record<string, string> = {};
    if ('token' in ask) headers.authorization = `Bearer ${coordinator}`;
    if ('purpose' in ask) headers['x-purpose-of-use'] = ask.purpose;
    const csv = await fetch(csvUrl, { headers });
    const graphql = await postGraphQL(stack.gatewayUrl, SMALL_QUERY, { headers, variables: { period: PERIOD } });
    expect(csv.headers.get('content-type')).toBe('application/json');
    expect([csv.status, ((await csv.json()) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code)]).toEqual([status, [code]]);
    expect([graphql.status, graphql.body.errors!.map((e) => e.extensions?.code)]).toEqual([status, [code]]);
  });

  it.each([
    ['a purpose other than STATISTICS', 'CASE_MANAGEMENT', PERIOD, 403, 'FORBIDDEN'],
    ['a period that is not whole quarters', 'STATISTICS', { ...PERIOD, to: '2026-05-31' }, 400, 'BAD_USER_INPUT'],
    ['no period', 'STATISTICS', {}, 400, 'BAD_USER_INPUT'],
  ])('refuses the CSV for %s, in JSON', async (_what, purpose, period, status, code) => {
    const url = stack.gatewayUrl.replace(/graphql$/, `statistics.csv?${new URLSearchParams(period).toString()}`);
    const response = await fetch(url, { headers: { authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': purpose } });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect([response.status, [...new Set(body.errors.map((e) => e.extensions.code))]]).toEqual([status, [code]]);
  });

  it.each([
    ['without granularity', { from: PERIOD.from, to: PERIOD.to }, 'granularity', 'Invalid granularity: is required: ?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=MONTH|QUARTER.'],
    ['with an unknown granularity', { ...PERIOD, granularity: 'WEEK' }, 'granularity', 'Invalid granularity: must be MONTH or QUARTER.'],
    ['without from', { to: PERIOD.to, granularity: PERIOD.granularity }, 'from', 'Invalid from: is required: ?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=MONTH|QUARTER.'],
    ['with a to that ends no quarter', { ...PERIOD, to: '2026-05-31' }, 'to', 'Invalid to: must be the last day of a quarter.'],
  ])('answers the CSV %s with 400 BAD_USER_INPUT naming the parameter', async (_what, period, field, message) => {
    const url = stack.gatewayUrl.replace(/graphql$/, `statistics.csv?${new URLSearchParams(period).toString()}`);
    const response = await fetch(url, { headers: { authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS' } });
    expect([response.status, await response.json()]).toEqual([400, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] }]);
  });

  it('serves the other agencies\' figures when one is down, and says so in the CSV', async () => {
    await stack.subgraphs.police.kill();
    try {
      const { body } = await postGraphQL<{ statistics: { fjc: unknown; police: unknown } }>(stack.gatewayUrl, SMALL_QUERY, {
        token: coordinator, purpose: 'STATISTICS', variables: { period: PERIOD },
      });
      expect(body.data!.statistics).toEqual({ fjc: { consentsRecorded: { label: 'ALL' } }, police: null });
      expect(body.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[['statistics', 'police'], 'AGENCY_UNAVAILABLE']]);
      const csv = await fetch(csvUrl, { headers: { authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS' } });
      const lines = (await csv.text()).split('\r\n');
      expect(csv.status).toBe(200);
      expect(lines.filter((line) => line.startsWith('police,'))).toEqual(['police,UNAVAILABLE,,,,']);
      expect(lines.some((line) => line.startsWith('probation,ordersByLegalFrame,'))).toBe(true);
    } finally {
      await stack.subgraphs.police.restart();
    }
  });
});
