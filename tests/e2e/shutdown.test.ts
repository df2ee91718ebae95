import http from 'node:http';
import { close } from '../../lib/http/graphqlHttpServer';
import { startStack, type TestStack } from '../helpers/stack';

const QUERY = JSON.stringify({ query: '{ client(id: "FJC-000002") { id police { involved } } }' });

/** One POST over a keep-alive agent, as a load balancer's pooled connection would send it. */
function post(url: string, token: string, agent: http.Agent): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': 'CASE_MANAGEMENT' };
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end(QUERY);
  });
}

describe('graceful shutdown of the gateway', () => {
  let stack: TestStack;
  let token: string;
  const agent = new http.Agent({ keepAlive: true });

  beforeEach(async () => {
    stack = await startStack({ clients: 10 });
    token = await stack.token({ sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
    await post(stack.gatewayUrl, token, agent); // leaves an idle keep-alive connection behind
  });
  afterEach(() => stack.stop());
  afterAll(() => agent.destroy());

  it('finishes the requests in flight, then closes at once instead of waiting for idle connections', async () => {
    stack.subgraphs.police.slowDown(400);
    const inFlight = post(stack.gatewayUrl, token, agent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const closed = close(stack.gateway.http, 10_000);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { client: { id: 'FJC-000002', police: { involved: true } } } });
    expect(answer.connection).toBe('close');
    await closed;
    // Node's own close would wait out the keep-alive timeout (5 s) of the idle connection.
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(post(stack.gatewayUrl, token, new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
  });

  it('cuts off what is still running when the grace period ends', async () => {
    stack.subgraphs.police.slowDown(1500);
    const inFlight = post(stack.gatewayUrl, token, agent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await close(stack.gateway.http, 200);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(inFlight).rejects.toThrow(/socket hang up|ECONNRESET/);
    stack.subgraphs.police.slowDown(0);
  });
});
