import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { recordConsent } from '../helpers/fjcRecords';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const VIEW = /* GraphQL */ `query ($id: ID!) { client(id: $id) { displayName police { involved interventions { kind } } mentalHealth { involved inCare } } }`;

describe('disclosures are recorded where the data lives', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ clients: 60 });
  });
  afterAll(() => stack.stop());

  const countOf = (agency: 'police' | 'mental-health' | 'fjc') =>
    stack.subgraphs[agency].oneroof.sqlite.get<{ n: number }>('SELECT COUNT(*) AS n FROM disclosure_log')!.n;

  it('writes one record per client in the owning agency\'s log, with viewer, purpose, basis and fields but no values', async () => {
    const officer = await stack.token({ sub: 'police-staff-1', name: 'Officer One', agency: 'police', roles: ['AGENCY_STAFF'] });
    const before = { police: countOf('police'), mh: countOf('mental-health') };
    const { body } = await postGraphQL(stack.gatewayUrl, VIEW, {
      token: officer, purpose: 'CASE_MANAGEMENT', variables: { id: FIXTURE_CLIENTS.knownToAll }, headers: { 'x-request-id': 'audit-e2e-1' },
    });
    expect(body.data).toMatchObject({ client: { police: { involved: true } } });
    const police = stack.subgraphs.police.runtime.disclosureLog.list(FIXTURE_CLIENTS.knownToAll);
    expect(countOf('police')).toBe(before.police + 1);
    expect(police.at(-1)).toMatchObject({
      requestId: 'audit-e2e-1',
      clientId: FIXTURE_CLIENTS.knownToAll,
      viewer: { sub: 'police-staff-1', name: 'Officer One', agency: 'police', roles: ['AGENCY_STAFF'] },
      purpose: 'CASE_MANAGEMENT',
      granted: { INVOLVEMENT: 'OWN_RECORD', JUSTICE: 'OWN_RECORD' },
      denied: {},
      fields: ['PoliceFile.interventions', 'PoliceFile.involved', 'PoliceIntervention.kind'],
      reviewRequired: false,
    });
    // Mental health withheld everything from police: the denial is logged, without values.
    const mh = stack.subgraphs['mental-health'].runtime.disclosureLog.list(FIXTURE_CLIENTS.knownToAll).at(-1);
    expect(countOf('mental-health')).toBe(before.mh + 1);
    expect(mh).toMatchObject({ requestId: 'audit-e2e-1', granted: {}, denied: { HEALTH: 'CONSENT_REQUIRED' }, fields: [] });
    expect(JSON.stringify(police)).not.toContain('PHYSICAL');
  });

  it('flags an emergency disclosure for review', async () => {
    const officer = await stack.token({ sub: 'police-staff-2', agency: 'police', roles: ['AGENCY_STAFF'] });
    const queued = stack.subgraphs.housing.runtime.disclosureLog.reviewQueue().length;
    const { body } = await postGraphQL(stack.gatewayUrl, /* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { housing { involved } } }`, {
      token: officer, purpose: 'EMERGENCY', headers: { 'x-emergency-reason': 'Threat reported at the shelter door' },
    });
    expect(body.data).toEqual({ client: { housing: { involved: true } } });
    const review = stack.subgraphs.housing.runtime.disclosureLog.reviewQueue();
    expect(review).toHaveLength(queued + 1);
    expect(review.at(-1)).toMatchObject({ granted: { INVOLVEMENT: 'EMERGENCY' }, emergencyReason: 'Threat reported at the shelter door', reviewRequired: true });
  });

  it('keeps every agency\'s chain intact, and a tampered row breaks it', async () => {
    for (const agency of ['fjc', 'police', 'mental-health'] as const) {
      expect(await stack.subgraphs[agency].runtime.disclosureLog.verify()).toMatchObject({ ok: true });
    }
    const { db } = stack.subgraphs.police.oneroof.sqlite;
    const first = db.prepare('SELECT seq FROM disclosure_log ORDER BY seq LIMIT 1').get() as { seq: number };
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'disclosure_log'").all() as { name: string; sql: string }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    db.prepare("UPDATE disclosure_log SET purpose = 'INTAKE' WHERE seq = ?").run(first.seq);
    for (const trigger of triggers) db.exec(trigger.sql);
    expect(await stack.subgraphs.police.runtime.disclosureLog.verify()).toMatchObject({ ok: false, broken: { seq: first.seq, reason: 'HASH_MISMATCH' } });
  });

  it('withholds the data when the disclosure cannot be recorded, and releases it again once it can', async () => {
    const manager = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    await recordConsent(stack, manager, { clientId: FIXTURE_CLIENTS.victim, granteeAgency: 'fjc', categories: ['HEALTH'] });
    const query = /* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.victim}") { displayName mentalHealth { involved } } }`;
    const ask = () => postGraphQL<{ client: { displayName: string; mentalHealth: { involved: boolean } | null } }>(stack.gatewayUrl, query, { token: manager, purpose: 'CASE_MANAGEMENT' });
    const healthy = await ask();
    expect(healthy.body.errors).toBeUndefined();
    expect(healthy.body.data!.client.mentalHealth).toEqual({ involved: expect.any(Boolean) });

    const { db } = stack.subgraphs['mental-health'].oneroof.sqlite;
    db.exec("CREATE TRIGGER break_log BEFORE INSERT ON disclosure_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const broken = await ask();
    expect(broken.body.data!.client.displayName).toEqual(healthy.body.data!.client.displayName);
    expect(broken.body.data!.client.mentalHealth).toBeNull();
    expect(broken.body.errors).toEqual([{
      message: 'This agency could not record the disclosure; its data is withheld.',
      extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'mental-health', serviceName: 'mental-health' },
    }]);

    db.exec('DROP TRIGGER break_log');
    expect((await ask()).body).toEqual(healthy.body);
  });
});
