import type { FjcStore } from '../../subgraphs/fjc/store';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import type { RequestContext } from '../../lib/viewer';
import { findClientBases } from '../../subgraphs/fjc/accessStore';
import { countRows, hoursFromNow, mutationLogOf, createSender } from '../helpers/fjcRecords';
import { startStack, type TestStack } from '../helpers/stack';

const CONSENT_FIELDS = /* GraphQL */ `
  id granteeAgency categories purposes validFrom validUntil evidenceReference status
  recordedBy recordedByAgency recordedAt revokedAt revokedBy revokedByAgency revocationReason renews { id }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordConsentInput!) { recordConsent(input: $input) { ${CONSENT_FIELDS} } }
`;
const REVOKE = /* GraphQL */ `
  mutation Revoke($id: ID!, $reason: String!) { revokeConsent(id: $id, reason: $reason) { ${CONSENT_FIELDS} } }
`;
const CONSENTS_OF = /* GraphQL */ `
  query ConsentsOf($id: ID!, $all: Boolean) { client(id: $id) { consents(includeInactive: $all) { id status renews { id } } } }
`;

interface Consent {
  id: string;
  granteeAgency: string;
  categories: string[];
  purposes: string[];
  validFrom: string;
  validUntil: string;
  evidenceReference: string;
  status: string;
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedByAgency: string | null;
  revocationReason: string | null;
  renews: { id: string } | null;
}

const VICTIM = FIXTURE_CLIENTS.victim;
const TABLES = ['consents', 'consent_revocations', 'mutation_log'];
const DESK: DevTokenClaims = { sub: 'fjc-desk-1', agency: 'fjc', roles: ['FRONT_DESK'] };
const MANAGER: DevTokenClaims = { sub: 'fjc-cm-1', agency: 'fjc', roles: ['CASE_MANAGER'] };
const POLICE: DevTokenClaims = { sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] };

/** The distinct error codes of a response (a gateway may add one FORBIDDEN per field it removed). */
function codesOf(errors: { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return [...new Set((errors ?? []).map((e) => e.extensions?.code))];
}

function input(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: VICTIM, granteeAgency: 'police', categories: ['SAFETY', 'JUSTICE'], purposes: ['CASE_MANAGEMENT'],
    validFrom: hoursFromNow(-24), validUntil: hoursFromNow(24 * 180), evidenceReference: 'FORM/2026/0042', ...change,
  };
}

describe('the consent registry through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
  });
  afterAll(() => stack.stop());

  const fjc = () => stack.subgraphs.fjc.store;

  const sendAs = createSender(() => stack, 'consents-test');
  const send = <T>(claims: DevTokenClaims, query: string, variables: Record<string, unknown>, purpose = 'CASE_MANAGEMENT') =>
    sendAs<T>(claims, query, variables, { purpose });

  async function record(claims: DevTokenClaims, change: Record<string, unknown> = {}): Promise<Consent> {
    const { body } = await send<{ recordConsent: Consent }>(claims, RECORD, { input: input(change) }, 'INTAKE');
    expect(body.errors).toBeUndefined();
    return body.data!.recordConsent;
  }

  async function consentsOf(clientId: string, all = false) {
    const { body } = await send<{ client: { consents: { id: string; status: string; renews: { id: string } | null }[] } }>(
      MANAGER, CONSENTS_OF, { id: clientId, all });
    expect(body.errors).toBeUndefined();
    return body.data!.client.consents;
  }

  /** The legal bases the FJC registry hands police staff for the victim, read as an agency's request would. */
  function policeBases(purpose: RequestContext['purpose'] = 'CASE_MANAGEMENT') {
    const request: RequestContext = {
      viewer: { sub: 'police-staff-1', name: 'Police Staff', agency: 'police', roles: ['AGENCY_STAFF'] },
      purpose, requestId: 'bases-check', token: 'unused',
    };
    return findClientBases(stack.subgraphs.fjc.agencyStore as FjcStore, request, [VICTIM])[0];
  }

  it('records a consent at the front desk, by the verified viewer, and logs who, when and under which request id', async () => {
    const before = countRows(fjc(), TABLES);
    const { body, requestId } = await send<{ recordConsent: Consent }>(DESK, RECORD, {
      input: input({ validFrom: '2026-01-01T10:00:00+02:00', evidenceReference: '  FORM/2026/0001 ' }),
    }, 'INTAKE');
    expect(body.errors).toBeUndefined();
    const consent = body.data!.recordConsent;
    expect(consent).toEqual({
      id: expect.stringMatching(/^CONS-\d{6}$/), granteeAgency: 'police', categories: ['SAFETY', 'JUSTICE'],
      purposes: ['CASE_MANAGEMENT'], validFrom: '2026-01-01T08:00:00.000Z', validUntil: expect.any(String),
      evidenceReference: 'FORM/2026/0001', status: 'ACTIVE', recordedBy: 'fjc-desk-1', recordedByAgency: 'fjc',
      recordedAt: expect.any(String), revokedAt: null, revokedBy: null, revokedByAgency: null, revocationReason: null, renews: null,
    });
    expect(Date.now() - Date.parse(consent.recordedAt)).toBeLessThan(60_000);
    expect(countRows(fjc(), TABLES)).toEqual({ ...before, consents: before.consents + 1, mutation_log: before.mutation_log + 1 });
    expect(mutationLogOf(fjc(), requestId)).toEqual([
      { sub: 'fjc-desk-1', agency: 'fjc', operation: 'recordConsent', target_id: consent.id, at: consent.recordedAt, purpose: 'INTAKE', conference_id: null, emergency_reason: null },
    ]);
  });

  it('revokes a consent, and the very next request no longer sees the grant', async () => {
    const consent = await record(MANAGER, { categories: ['CHILD', 'HOUSING'], purposes: ['CASE_MANAGEMENT', 'EMERGENCY'] });
    expect((await consentsOf(VICTIM)).find((c) => c.id === consent.id)).toEqual({ id: consent.id, status: 'ACTIVE', renews: null });
    expect(policeBases().consent).toEqual(expect.arrayContaining(['CHILD', 'HOUSING']));

    const { body, requestId } = await send<{ revokeConsent: Consent }>(DESK, REVOKE, { id: consent.id, reason: 'Client withdrew consent at the desk.' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.revokeConsent).toMatchObject({
      id: consent.id, status: 'REVOKED', revokedBy: 'fjc-desk-1', revokedByAgency: 'fjc',
      revocationReason: 'Client withdrew consent at the desk.', revokedAt: expect.any(String),
      // Never edited in place: the consent itself is as it was recorded.
      categories: ['CHILD', 'HOUSING'], validUntil: consent.validUntil, recordedBy: 'fjc-cm-1',
    });
    expect(mutationLogOf(fjc(), requestId)).toEqual([expect.objectContaining({ sub: 'fjc-desk-1', operation: 'revokeConsent', target_id: consent.id })]);

    expect((await consentsOf(VICTIM)).map((c) => c.id)).not.toContain(consent.id);
    expect((await consentsOf(VICTIM, true)).find((c) => c.id === consent.id)).toEqual({ id: consent.id, status: 'REVOKED', renews: null });
    expect(policeBases().consent).not.toContain('CHILD');
    expect(policeBases('EMERGENCY').consent).toEqual([]);
  });

  it('grants only the purposes a consent names', async () => {
    await record(MANAGER, { granteeAgency: 'police', categories: ['PROGRAM'], purposes: ['SECURITY_CONFERENCE'] });
    expect(policeBases('CASE_MANAGEMENT').consent).not.toContain('PROGRAM');
    expect(policeBases('SECURITY_CONFERENCE').consent).toEqual(['PROGRAM']);
  });

  it('renews a consent with a new record that names the one it renews, and keeps both in the history', async () => {
    const original = await record(DESK, { granteeAgency: 'housing', categories: ['CONTACT'] });
    const renewal = await record(MANAGER, {
      granteeAgency: 'housing', categories: ['CONTACT', 'SAFETY'], validUntil: hoursFromNow(24 * 365), renews: original.id,
    });
    expect(renewal).toMatchObject({ status: 'ACTIVE', renews: { id: original.id }, categories: ['CONTACT', 'SAFETY'], recordedBy: 'fjc-cm-1' });
    const history = await consentsOf(VICTIM, true);
    expect(history.filter((c) => [original.id, renewal.id].includes(c.id))).toEqual([
      { id: original.id, status: 'ACTIVE', renews: null },
      { id: renewal.id, status: 'ACTIVE', renews: { id: original.id } },
    ]);
  });

  it('exports a consent as an HL7 FHIR R4 Consent resource', async () => {
    const consent = await record(MANAGER, { granteeAgency: 'youth-care', categories: ['HEALTH'] });
    const { body } = await send<{ client: { consents: { id: string; fhir: string }[] } }>(
      MANAGER, /* GraphQL */ `query ($id: ID!) { client(id: $id) { consents { id fhir } } }`, { id: VICTIM });
    expect(body.errors).toBeUndefined();
    const exported = JSON.parse(body.data!.client.consents.find((c) => c.id === consent.id)!.fhir) as { resourceType: string; id: string };
    expect(exported).toMatchObject({ resourceType: 'Consent', id: consent.id });
  });

  it('shows a client without consents an empty list', async () => {
    expect(await consentsOf(FIXTURE_CLIENTS.knownToAll, true)).toEqual([]);
  });

  it.each([
    ['police staff', POLICE],
    ['an FJC coordinator', { sub: 'fjc-coord-1', agency: 'fjc', roles: ['COORDINATOR'] }],
    ['an FJC auditor', { sub: 'fjc-audit-1', agency: 'fjc', roles: ['AUDITOR'] }],
    ['a case manager of another agency', { sub: 'probation-cm-1', agency: 'probation', roles: ['CASE_MANAGER'] }],
  ] as [string, DevTokenClaims][])('refuses to let %s record or revoke a consent, and writes nothing', async (_name, claims) => {
    const existing = await record(DESK);
    const before = countRows(fjc(), TABLES);
    const recorded = await send(claims, RECORD, { input: input() });
    expect(recorded.body.data).toBeNull();
    expect(codesOf(recorded.body.errors)).toEqual(['FORBIDDEN']);
    const revoked = await send(claims, REVOKE, { id: existing.id, reason: 'Not theirs to revoke.' });
    expect(codesOf(revoked.body.errors)).toEqual(['FORBIDDEN']);
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it('refuses to show a client\'s consents to staff of another agency', async () => {
    const { body } = await send<{ client: { consents: unknown } }>(POLICE, CONSENTS_OF, { id: VICTIM, all: true });
    expect(body.data?.client?.consents ?? null).toBeNull();
    expect(codesOf(body.errors)).toEqual(['FORBIDDEN']);
  });

  const past = hoursFromNow(-2);
  it.each([
    ['an unknown client', { clientId: 'FJC-999999' }, 'input.clientId'],
    ['an unknown agency', { granteeAgency: 'secret-service' }, 'input.granteeAgency'],
    ['an unknown category', { categories: ['SAFETY', 'GOSSIP'] }, 'input.categories'],
    ['an unknown purpose', { purposes: ['MARKETING'] }, 'input.purposes'],
    ['no category', { categories: [] }, 'input.categories'],
    ['a category twice', { categories: ['SAFETY', 'SAFETY'] }, 'input.categories'],
    ['a period that ends before it starts', { validFrom: hoursFromNow(48), validUntil: hoursFromNow(24) }, 'input.validUntil'],
    ['a period that lies in the past', { validFrom: hoursFromNow(-48), validUntil: past }, 'input.validUntil'],
    ['a date-time without time zone', { validFrom: '2026-01-01T10:00:00' }, 'input.validFrom'],
    ['an impossible date', { validUntil: '2030-02-30T10:00:00Z' }, 'input.validUntil'],
    ['an empty evidence reference', { evidenceReference: '   ' }, 'input.evidenceReference'],
    ['a renewal of an unknown consent', { renews: 'CONS-999999' }, 'input.renews'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_name, change, field) => {
    const before = countRows(fjc(), TABLES);
    const { body } = await send(DESK, RECORD, { input: input(change) });
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].message).toContain(field);
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it('refuses a renewal of another client\'s or another agency\'s consent', async () => {
    const other = await record(DESK, { clientId: FIXTURE_CLIENTS.knownToNone });
    const before = countRows(fjc(), TABLES);
    for (const change of [{ renews: other.id }, { renews: other.id, clientId: FIXTURE_CLIENTS.knownToNone, granteeAgency: 'housing' }]) {
      const { body } = await send(DESK, RECORD, { input: input(change) });
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.renews' });
    }
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });

  it('refuses to revoke an unknown or already revoked consent, or without a reason, and writes nothing', async () => {
    const revoked = await record(DESK);
    expect((await send(DESK, REVOKE, { id: revoked.id, reason: 'Withdrawn.' })).body.errors).toBeUndefined();
    const active = await record(DESK);
    const before = countRows(fjc(), TABLES);
    const refusals: [Record<string, unknown>, string][] = [
      [{ id: 'CONS-999999', reason: 'Withdrawn.' }, 'id'],
      [{ id: revoked.id, reason: 'Again.' }, 'id'],
      [{ id: active.id, reason: ' ' }, 'reason'],
      [{ id: active.id, reason: 'x'.repeat(2001) }, 'reason'],
      [{ id: active.id, reason: 'Withdrawn \u0007 now.' }, 'reason'],
    ];
    for (const [variables, field] of refusals) {
      const { body } = await send(DESK, REVOKE, variables);
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(countRows(fjc(), TABLES)).toEqual(before);
  });
});
