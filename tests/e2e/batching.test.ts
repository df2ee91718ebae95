import { AGENCIES, FILE_FIELDS, PARTNER_AGENCIES, type AgencyId } from '../../lib/agencies';
import { clientId } from '../../lib/seed/world';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/** A caseload list: the police file with its list fields and every other agency's file, for N clients at once. */
const OTHER_FILES = PARTNER_AGENCIES.filter((agency) => agency !== 'police').map((agency) => `${FILE_FIELDS[agency]} { involved }`);
const CASELOAD = /* GraphQL */ `
  query Caseload($ids: [ID!]!) {
    clients(ids: $ids) {
      id
      police { involved interventions { kind } barringOrders { status } riskAssessments { level } victimFollowUps { outcome } complianceChecks { compliant } }
      ${OTHER_FILES.join('\n      ')}
    }
  }
`;

type Cost = Record<AgencyId, { requests: number; queries: number }>;

describe('batching of a caseload view', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    // Counts, not speed, are measured here: generous time (per agency and for the whole request) keeps
    // a cold first request (each agency fetching the FJC's keys) or a 200-client view on two loaded
    // cores from leaving an agency out, which would then count no queries at all.
    stack = await startStack({ clients: 240, subgraphTimeoutMs: 30_000, resilience: { requestTimeoutMs: 60_000 } });
    // A police officer's caseload: her own records in full, the other agencies' files where the
    // policy allows; withheld fields cost no store query, so the counts are the policy's too.
    token = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
  });
  afterAll(() => stack.stop());

  async function costOf(n: number): Promise<Cost> {
    const before = Object.fromEntries(AGENCIES.map((a) => [a, { requests: stack.subgraphs[a].requests, queries: stack.subgraphs[a].queryCount }]));
    const ids = Array.from({ length: n }, (_, i) => clientId(i + 1));
    const { body } = await postGraphQL<{ clients: { id: string; police: { involved: boolean } }[] }>(
      stack.gatewayUrl, CASELOAD, { token, purpose: 'CASE_MANAGEMENT', variables: { ids } },
    );
    expect(body.data!.clients.map((c) => c.id)).toEqual(ids);
    expect(body.data!.clients.find((c) => c.police?.involved)).toBeDefined();
    return Object.fromEntries(
      AGENCIES.map((a) => [a, {
        requests: stack.subgraphs[a].requests - before[a].requests,
        queries: stack.subgraphs[a].queryCount - before[a].queries,
      }]),
    ) as Cost;
  }

  it('costs one fetch per subgraph and the same number of store queries for 10 or 200 clients', async () => {
    const ten = await costOf(10);
    const twoHundred = await costOf(200);
    for (const agency of AGENCIES) expect(ten[agency].requests).toBe(1);
    expect(twoHundred).toEqual(ten);
    // fjc: the registry rows, then consents, case roles and directory links for the assertions;
    // police: links (in OneRoof's own store for it) plus one query per list field; the others: links only.
    expect(ten.fjc.queries).toBe(4);
    expect(ten.police.queries).toBe(6);
    expect(ten.probation.queries).toBe(1);
  });
});
