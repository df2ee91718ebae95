import { setLogSink } from '../../lib/log';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

/**
 * An agency that answered, but with an error it gave no code for, is not an agency that did not
 * answer: its fields get AGENCY_ERROR (CONTRACT C2), the gateway logs which request it was, and
 * errors the agency did code pass through as they are.
 */
describe('an agency that answers with an error', () => {
  let stack: TestStack;
  let police: string;
  let fjcStaff: string;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ clients: 20 });
    police = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    fjcStaff = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    setLogSink((line) => lines.push(line));
  });
  afterAll(async () => {
    setLogSink(null);
    await stack.stop();
  });

  const VIEW = /* GraphQL */ `query View($id: ID!) { client(id: $id) { id displayName police { involved interventions { reportNumber kind } } probation { involved } } }`;

  it('answers AGENCY_ERROR with the agency for a value its own schema cannot represent, and keeps everything else', async () => {
    const { db } = stack.subgraphs.police.store;
    // The person links live in OneRoof's own store for the agency, beside its data.
    const links = stack.subgraphs.police.oneroof.sqlite.db.prepare('SELECT fjc_client_id AS clientId FROM client_links WHERE person_id = ?');
    const row = (db.prepare('SELECT i.person_id AS personId, i.id, i.kind, i.report_number AS reportNumber FROM interventions i ORDER BY i.id').all() as { personId: string; id: string; kind: string; reportNumber: string }[])
      .map((intervention) => ({ ...intervention, ...(links.get(intervention.personId) as { clientId: string } | undefined) }))
      .find((intervention): intervention is typeof intervention & { clientId: string } => intervention.clientId !== undefined)!;
    const { kind } = row;
    const healthy = await postGraphQL<{ client: { police: { interventions: { reportNumber: string }[] } } }>(stack.gatewayUrl, VIEW, { token: police, purpose: 'CASE_MANAGEMENT', variables: { id: row.clientId } });
    expect(healthy.body.errors).toBeUndefined();
    const at = healthy.body.data!.client.police.interventions.findIndex((i) => i.reportNumber === row.reportNumber);
    db.pragma('ignore_check_constraints = 1');
    db.prepare("UPDATE interventions SET kind = 'TELEPATHIC' WHERE id = ?").run(row.id);
    lines.length = 0;
    try {
      const { status, body, headers } = await postGraphQL<{ client: Record<string, unknown> }>(stack.gatewayUrl, VIEW, { token: police, purpose: 'CASE_MANAGEMENT', variables: { id: row.clientId } });
      expect(status).toBe(200);
      expect(body.errors).toEqual([{
        message: 'This agency answered with an error; its data is not included.',
        path: ['client', 'police', 'interventions', at, 'kind'],
        extensions: { code: 'AGENCY_ERROR', agency: 'police', serviceName: 'police' },
      }]);
      expect(body.data!.client).toEqual({ ...healthy.body.data!.client, police: { involved: true, interventions: null } });
      const requestId = headers.get('x-request-id');
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      // The gateway names the request, agency and place; the agency names the cause under the same request id.
      expect(logged).toEqual(expect.arrayContaining([
        expect.objectContaining({ message: 'agency error', requestId, agency: 'police', path: '_entities.0.police.interventions.' + at + '.kind', code: 'INTERNAL_SERVER_ERROR' }),
        expect.objectContaining({ message: 'internal error', requestId, agency: 'police', cause: 'Enum "ViolenceKind" cannot represent value' }),
      ]));
      // Never the value itself, nor any other person data.
      expect(lines.join('\n')).not.toContain('TELEPATHIC');
      expect(lines.join('\n')).not.toContain(row.clientId);
    } finally {
      db.prepare('UPDATE interventions SET kind = ? WHERE id = ?').run(kind, row.id);
      db.pragma('ignore_check_constraints = 0');
    }
  });

  it('answers AGENCY_ERROR for an agency whose store fails inside, one error per file asked for', async () => {
    const { db } = stack.subgraphs.probation.oneroof.sqlite;
    db.exec('ALTER TABLE client_links RENAME TO client_links_away');
    try {
      const { status, body } = await postGraphQL<{ clients: ({ probation: unknown } | null)[] }>(stack.gatewayUrl, /* GraphQL */ `{ clients(ids: ["FJC-000002", "FJC-000003"]) { id probation { involved } } }`, { token: fjcStaff, purpose: 'CASE_MANAGEMENT' });
      expect(status).toBe(200);
      expect(body.data!.clients).toEqual([{ id: 'FJC-000002', probation: null }, { id: 'FJC-000003', probation: null }]);
      expect(body.errors).toEqual([0, 1].map((i) => ({
        message: 'This agency answered with an error; its data is not included.',
        path: ['clients', i, 'probation'],
        extensions: { code: 'AGENCY_ERROR', agency: 'probation', serviceName: 'probation' },
      })));
    } finally {
      db.exec('ALTER TABLE client_links_away RENAME TO client_links');
    }
  });

  it('passes an error the agency coded through as it is', async () => {
    const { body } = await postGraphQL(stack.gatewayUrl, /* GraphQL */ `{ searchClients(name: "a", first: 1000) { id } }`, { token: fjcStaff, purpose: 'CASE_MANAGEMENT' });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', serviceName: 'fjc' });
  });

  it('keeps AGENCY_UNAVAILABLE for an agency that does not answer', async () => {
    await stack.subgraphs.housing.kill();
    try {
      const { body } = await postGraphQL(stack.gatewayUrl, /* GraphQL */ `{ client(id: "FJC-000002") { housing { involved } } }`, { token: fjcStaff, purpose: 'CASE_MANAGEMENT' });
      expect(body.errors).toEqual([{
        message: 'This agency did not answer; its data is not included.',
        path: ['client', 'housing'],
        extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'housing', serviceName: 'housing' },
      }]);
    } finally {
      await stack.subgraphs.housing.restart();
    }
  });
});
