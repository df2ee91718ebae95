import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { GATEWAY_SIGNATURE_HEADER } from '../../lib/auth/gatewaySignature';
import { ROOT } from '../../scripts/processes';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/waitFor';

const TIMEOUT_MS = 800;
const CLIENT = 'FJC-000002';
const VIEW = /* GraphQL */ `{ client(id: "${CLIENT}") { id displayName police { involved interventions { kind } } housing { involved } } }`;
const REPORT = /* GraphQL */ `query ($id: ID!) { disclosureReport(clientId: $id) { police { requestId delivered notDeliveredBecause } fjc { requestId delivered notDeliveredBecause } } }`;

type Listed = { requestId: string | null; delivered: boolean; notDeliveredBecause: string | null };

/**
 * An agency records a disclosure before its answer leaves; the gateway, which alone knows whether
 * the answer then reached the viewer, reports every answer that did not to its agency, and the
 * subject access report shows those disclosures as never delivered.
 */
describe('what happened to each answer', () => {
  let stack: TestStack;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 20, subgraphTimeoutMs: TIMEOUT_MS, breakerFailures: 5 });
    officer = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    auditor = await stack.token({ sub: 'audit-1', agency: 'fjc', roles: ['AUDITOR'] });
  });
  afterAll(() => stack.stop());

  const report = async (requestId: string) => {
    const { body } = await postGraphQL<{ disclosureReport: Record<'police' | 'fjc', Listed[]> }>(stack.gatewayUrl, REPORT, { token: auditor, purpose: 'AUDIT', variables: { id: CLIENT } });
    const of = (agency: 'police' | 'fjc') => body.data!.disclosureReport[agency].filter((r) => r.requestId === requestId);
    return { police: of('police'), fjc: of('fjc') };
  };
  const recordsOf = (agency: 'police' | 'fjc', requestId: string) => stack.subgraphs[agency].runtime.disclosureLog.list(CLIENT).filter((r) => r.requestId === requestId);

  it('shows a disclosure whose answer the gateway stopped waiting for as never delivered', async () => {
    const police = stack.subgraphs.police;
    // Police records and answers in time, but its answer is slow on the way back.
    police.holdAnswers(TIMEOUT_MS + 700);
    try {
      const { body } = await postGraphQL(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT', headers: { 'x-request-id': 'late-answer-1' } });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['AGENCY_UNAVAILABLE']);
    } finally {
      police.holdAnswers(0);
    }
    expect(recordsOf('police', 'late-answer-1')).toHaveLength(1);
    const listed = await waitFor('the outcome to be recorded', async () => {
      const found = await report('late-answer-1');
      return found.police[0]?.delivered === false ? found : undefined;
    });
    expect(listed.police).toEqual([{ requestId: 'late-answer-1', delivered: false, notDeliveredBecause: 'NOT_RECEIVED_BY_GATEWAY' }]);
    // The FJC's answer did arrive, and the viewer got the gateway's answer.
    expect(listed.fjc).toEqual([{ requestId: 'late-answer-1', delivered: true, notDeliveredBecause: null }]);
  });

  it('shows every disclosure of a request whose viewer left before the answer as never delivered', async () => {
    stack.subgraphs.housing.slowDown(TIMEOUT_MS / 2);
    const before = recordsOf('police', 'viewer-gone-1').length;
    const abandon = new AbortController();
    const asked = fetch(stack.gatewayUrl, {
      method: 'POST', signal: abandon.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}`, 'x-purpose-of-use': 'CASE_MANAGEMENT', 'x-request-id': 'viewer-gone-1' },
      body: JSON.stringify({ query: VIEW }),
    }).catch(() => 'abandoned');
    try {
      // Police has answered (and recorded); housing still keeps the gateway waiting: the viewer leaves.
      await waitFor('police to record', () => recordsOf('police', 'viewer-gone-1').length > before);
      abandon.abort();
      expect(await asked).toBe('abandoned');
    } finally {
      stack.subgraphs.housing.slowDown(0);
    }
    const listed = await waitFor('the outcomes to be recorded', async () => {
      const found = await report('viewer-gone-1');
      return found.police[0]?.delivered === false && found.fjc[0]?.delivered === false ? found : undefined;
    });
    expect(listed).toEqual({
      police: [{ requestId: 'viewer-gone-1', delivered: false, notDeliveredBecause: 'VIEWER_GONE' }],
      fjc: [{ requestId: 'viewer-gone-1', delivered: false, notDeliveredBecause: 'VIEWER_GONE' }],
    });
  });

  it('prints those disclosures as never delivered in the client\'s report, and the outcome chains verify', async () => {
    const reader = await stack.token({ sub: 'audit-1', agency: 'fjc', roles: ['AUDITOR'] });
    const text = await (await fetch(stack.gatewayUrl.replace(/graphql$/, `clients/${CLIENT}/disclosure-report.txt`), {
      headers: { authorization: `Bearer ${reader}`, 'x-purpose-of-use': 'AUDIT' },
    })).text();
    expect(text).toMatch(/Police zone\n(.*\n)*.*shown to Police zone \(agency staff\), for case management\n(      - .*\n)+      NEVER DELIVERED: the agency released this, but the answer did not reach them\./);
    const verify = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/auditVerify.ts', '--data-dir', stack.dataDir], { cwd: ROOT, encoding: 'utf8' });
    expect(verify.stdout).toMatch(/^police +\d+ records, 2 delivery outcomes checked: OK$/m);
    expect(verify.status).toBe(0);
  });

  it('accepts a report of undelivered answers only from the gateway', async () => {
    const url = stack.subgraphs.police.url.replace(/graphql$/, 'audit/outcomes');
    const body = JSON.stringify({ outcomes: [{ fetchId: 'f0e3c1d2-0000-4000-8000-000000000000', reason: 'VIEWER_GONE' }] });
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'forged-1', [GATEWAY_SIGNATURE_HEADER]: 'not.a.signature' }, body });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'forged-2' }, body });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ errors: [{ message: 'This route accepts only reports signed by the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
