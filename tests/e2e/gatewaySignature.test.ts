import { loadPairKeys } from '../../lib/auth/pairKeys';
import { createGatewaySigner, GATEWAY_SIGNATURE_HEADER, loadGatewaySigningKey, type GatewaySigner } from '../../lib/auth/gatewaySignature';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';

const ENTITIES = /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Client { police { involved } } } }`;

describe('subgraphs that accept only requests the gateway signed (as in production)', () => {
  let stack: TestStack;
  let officer: string;
  let signer: GatewaySigner;

  beforeAll(async () => {
    stack = await startStack({ clients: 30, requireGatewaySignature: true });
    officer = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
    signer = await createGatewaySigner(await loadGatewaySigningKey({ production: false, dataDir: stack.dataDir }));
  });
  afterAll(() => stack.stop());

  const body = JSON.stringify({ query: ENTITIES, variables: { r: [{ __typename: 'Client', id: FIXTURE_CLIENTS.knownToAll }] } });

  async function send(payload: string, signature?: string, requestId = 'signed-1') {
    const headers: Record<string, string> = {
      'content-type': 'application/json', authorization: `Bearer ${officer}`, 'x-purpose-of-use': 'CASE_MANAGEMENT', 'x-request-id': requestId,
    };
    if (signature) headers[GATEWAY_SIGNATURE_HEADER] = signature;
    const response = await fetch(stack.subgraphs.police.url, { method: 'POST', headers, body: payload });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  }

  it('answers the gateway as usual', async () => {
    const { body: answer } = await postGraphQL(stack.gatewayUrl, `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { police { involved } } }`, {
      token: officer, purpose: 'CASE_MANAGEMENT',
    });
    expect(answer).toEqual({ data: { client: { police: { involved: true } } } });
  });

  it('refuses an unsigned request, even with a valid user token', async () => {
    expect(await send(body)).toEqual({ status: 401, body: { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] } });
  });

  it('accepts a signed request once, and refuses its replay', async () => {
    const signature = await signer.sign({ method: 'POST', body, requestId: 'signed-2', audience: 'police' });
    expect((await send(body, signature, 'signed-2')).body).toEqual({ data: { _entities: [{ police: { involved: true } }] } });
    expect((await send(body, signature, 'signed-2')).status).toBe(401);
  });

  it('refuses a signed request whose body, request id or agency was changed', async () => {
    const signature = await signer.sign({ method: 'POST', body, requestId: 'signed-3', audience: 'police' });
    expect((await send(body.replace(FIXTURE_CLIENTS.knownToAll, FIXTURE_CLIENTS.victim), signature, 'signed-3')).status).toBe(401);
    expect((await send(body, signature, 'signed-4')).status).toBe(401);
    const forHousing = await signer.sign({ method: 'POST', body, requestId: 'signed-5', audience: 'housing' });
    expect((await send(body, forHousing, 'signed-5')).status).toBe(401);
  });

  it('accepts the gateway MAC with its own pair key once, and refuses its replay, another agency MAC and a changed body', async () => {
    const macKeys = loadPairKeys('gateway', { production: false, dataDir: stack.dataDir });
    const macs = await createGatewaySigner(await loadGatewaySigningKey({ production: false, dataDir: stack.dataDir }), { macKeys });
    const mac = await macs.sign({ method: 'POST', body, requestId: 'mac-1', audience: 'police' });
    expect(JSON.parse(Buffer.from(mac.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
    expect((await send(body, mac, 'mac-1')).body).toEqual({ data: { _entities: [{ police: { involved: true } }] } });
    expect((await send(body, mac, 'mac-1')).status).toBe(401);
    const forHousing = await macs.sign({ method: 'POST', body, requestId: 'mac-2', audience: 'housing' });
    expect((await send(body, forHousing, 'mac-2')).status).toBe(401);
    const changed = await macs.sign({ method: 'POST', body, requestId: 'mac-3', audience: 'police' });
    expect((await send(body.replace(FIXTURE_CLIENTS.knownToAll, FIXTURE_CLIENTS.victim), changed, 'mac-3')).status).toBe(401);
  });
});
