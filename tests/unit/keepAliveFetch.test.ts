import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKeepAliveFetch, TimeoutError } from '../../lib/http/keepAliveFetch';

describe('the keep-alive client of the gateway', () => {
  let server: http.Server;
  let url: string;
  const connections: unknown[] = [];
  let handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    server.on('connection', (socket) => connections.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the body with its headers and answers status, headers and JSON, over one pooled connection', async () => {
    handler = (req, res, body) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': String(req.headers['x-purpose-of-use']) });
      res.end(JSON.stringify({ method: req.method, length: req.headers['content-length'], body: JSON.parse(body) as unknown }));
    };
    const send = createKeepAliveFetch();
    const before = connections.length;
    for (let i = 0; i < 3; i += 1) {
      const response = await send(url, { headers: { 'x-purpose-of-use': 'CASE_MANAGEMENT' }, body: '{"query":"{ é }"}', timeoutMs: 1000 });
      expect(response).toMatchObject({ ok: true, status: 200, url });
      expect(response.headers.get('X-Echo')).toBe('CASE_MANAGEMENT');
      expect(response.headers.get('x-missing')).toBeNull();
      await expect(response.json()).resolves.toEqual({ method: 'POST', length: '18', body: { query: '{ é }' } });
    }
    expect(connections.length - before).toBe(1);
  });

  it('answers a 5xx as not ok, with its body', async () => {
    handler = (_req, res) => {
      res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
      res.end('down');
    };
    const response = await createKeepAliveFetch()(url, { body: '{}', timeoutMs: 1000 });
    expect(response).toMatchObject({ ok: false, status: 503, statusText: 'Service Unavailable' });
    await expect(response.text()).resolves.toBe('down');
  });

  it('gives up with a TimeoutError when the answer, headers or body, takes longer than the deadline', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
      setTimeout(() => res.end('{}}'), 500);
    };
    const started = Date.now();
    await expect(createKeepAliveFetch()(url, { body: '{}', timeoutMs: 100 })).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('rejects when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createKeepAliveFetch()(`http://127.0.0.1:${port}/graphql`, { body: '{}', timeoutMs: 1000 })).rejects.toThrow(/ECONNREFUSED/);
  });
});
