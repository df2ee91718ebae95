import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { createGatewaySigner, createGatewaySignatureVerifier, BUDGET_HEADER, FETCH_ID_HEADER, GATEWAY_SIGNATURE_HEADER } from '../../lib/auth/gatewaySignature';
import { ensureKeyPair } from '../../lib/auth/keyFile';
import type { RequestScope } from '../../lib/http/requestScope';
import { fakeScope as scope } from '../helpers/scope';
import { createCircuitBreaker } from '../../gateway/circuitBreaker';
import type { GatewayContext } from '../../gateway/context';
import { AgencyDataSource } from '../../gateway/dataSource';
import { waitFor } from '../helpers/waitFor';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ENTITIES = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Client{police{involved}}}}';
const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Client', id: `FJC-${i}` }));


function context(requestScope: RequestScope = scope()): GatewayContext {
  return {
    viewer: { sub: 'fjc-staff-1', name: 'Staff', agency: 'fjc', roles: ['CASE_MANAGER'] },
    purpose: 'CASE_MANAGEMENT', requestId: 'req-1', token: 'token', scope: requestScope, withheld: [], cost: 0,
    work: { entities: 0, failedAgencies: new Set(), calls: [] },
  };
}

const call = (source: AgencyDataSource, ctx: GatewayContext, n = 1) =>
  source.process({ kind: GraphQLDataSourceRequestKind.HEALTH_CHECK, request: { query: ENTITIES, variables: { representations: representations(n) } }, context: ctx });

/**
 * The gateway's calls to one agency: what the circuit counts as the agency's failure, and what the
 * request's own size and time explain; the fan-out limit; the deadline the agency is told.
 */
describe('the gateway calling one agency', () => {
  let server: http.Server;
  let url: string;
  /** What the agency does with a request: answer, or hold it forever. */
  let behave: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
  const seen: { headers: http.IncomingHttpHeaders; body: string; closedEarly: boolean }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const record = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), closedEarly: false };
        seen.push(record);
        // The gateway gave up if it closed its side before the answer was written.
        const gone = () => {
          record.closedEarly ||= !res.writableFinished;
        };
        req.socket.once('end', gone);
        res.once('close', gone);
        behave(req, res, record.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const answer = (res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { _entities: [{ police: { involved: true } }] } }));
  };
  const hold = () => undefined;
  const source = (options: Partial<ConstructorParameters<typeof AgencyDataSource>[0]> = {}) =>
    new AgencyDataSource({ agency: 'police', url, timeoutMs: 300, breaker: createCircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000 }), largeFetch: 10, ...options });

  it('counts an agency that refuses connections once per request, however often the request calls it', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = source({ url: `http://127.0.0.1:${port}/graphql` });
    const first = context();
    for (let i = 0; i < 3; i += 1) {
      const { errors } = await call(down, first);
      expect(errors?.[0]?.extensions).toEqual({ code: 'AGENCY_UNAVAILABLE', agency: 'police' });
    }
    expect(down.breaker.state).toBe('closed');
    await call(down, context());
    expect(down.breaker.state).toBe('open');
  });

  it('counts a small call that times out against the agency', async () => {
    behave = hold;
    const slow = source();
    await call(slow, context());
    await call(slow, context());
    expect(slow.breaker.state).toBe('open');
  });

  it('does not count a call that timed out carrying more entities than a large fetch', async () => {
    behave = hold;
    const slow = source();
    for (let i = 0; i < 4; i += 1) {
      const { errors } = await call(slow, context(), 11);
      expect(errors).toHaveLength(11);
    }
    expect(slow.breaker.state).toBe('closed');
  });

  it('waits no longer than the request has left, tells the agency so, and does not count that timeout', async () => {
    behave = hold;
    const slow = source({ timeoutMs: 5000 });
    for (let i = 0; i < 3; i += 1) await call(slow, context(scope(200)));
    expect(slow.breaker.state).toBe('closed');
    expect(seen).toHaveLength(3);
    for (const { headers } of seen) expect(Number(headers[BUDGET_HEADER])).toBeLessThanOrEqual(200);
    await waitFor('the agency to see every call given up', () => seen.every(({ closedEarly }) => closedEarly));
  });

  it('signs the budget and the call id it sends', async () => {
    behave = (_req, res) => answer(res);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-signer-'));
    const keys = await ensureKeyPair(path.join(dir, 'gateway.json'), 'EdDSA');
    const signed = source({ timeoutMs: 1500, signer: await createGatewaySigner(keys.privateJwk) });
    const ctx = context();
    expect(await call(signed, ctx)).toMatchObject({ data: { _entities: [{ police: { involved: true } }] } });
    const [{ headers, body }] = seen;
    expect(headers[BUDGET_HEADER]).toBe('1500');
    expect(ctx.work.calls).toEqual([{ agency: 'police', fetchId: headers[FETCH_ID_HEADER], received: true }]);
    const verifier = createGatewaySignatureVerifier({ keys: keys.jwks, agency: 'police' });
    const request = { signature: String(headers[GATEWAY_SIGNATURE_HEADER]), method: 'POST', body, requestId: 'req-1', fetchId: String(headers[FETCH_ID_HEADER]) };
    expect(await createGatewaySignatureVerifier({ keys: keys.jwks, agency: 'police' }).verify({ ...request, budgetMs: 60_000 })).toBe(false);
    expect(await verifier.verify({ ...request, budgetMs: 1500 })).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cuts the call off when the caller goes away, and does not count it', async () => {
    behave = hold;
    const slow = source({ timeoutMs: 5000 });
    for (let i = 0; i < 3; i += 1) {
      const requestScope = scope();
      const ctx = context(requestScope);
      const pending = call(slow, ctx);
      await waitFor('the call to reach the agency', () => seen.length === i + 1);
      requestScope.abort();
      expect((await pending).errors?.[0]?.extensions?.code).toBe('AGENCY_UNAVAILABLE');
      expect(ctx.work.calls).toEqual([expect.objectContaining({ agency: 'police', received: false })]);
    }
    await waitFor('the agency to see every call cut off', () => seen.every(({ closedEarly }) => closedEarly));
    expect(slow.breaker.state).toBe('closed');
  });

  it('sends no call that would take the request past its fan-out limit', async () => {
    behave = (_req, res) => answer(res);
    const limited = source({ maxFanout: 25 });
    const ctx = context();
    await call(limited, ctx, 10);
    await call(limited, ctx, 10);
    const refused = await call(limited, ctx, 10);
    expect(seen).toHaveLength(2);
    expect(refused.errors).toHaveLength(10);
    expect(refused.errors![0]).toEqual({
      message: 'This request reached more agency records than one request may (25): ask for fewer at once.',
      path: ['_entities', 0, 'police'],
      extensions: { code: 'TOO_MANY_ENTITIES', agency: 'police', limit: 25 },
    });
    expect(ctx.work.entities).toBe(20);
    expect(limited.breaker.state).toBe('closed');
  });
});
