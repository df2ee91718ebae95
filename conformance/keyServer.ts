import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwksUrls, type ConformanceSetup } from './keys';

export interface KeyServer {
  port: number;
  urls: ReturnType<typeof jwksUrls>;
  close(): Promise<void>;
}

/**
 * Serves the public keys of the suite's identity provider, FJC and gateway while the suite runs,
 * so a subgraph in any language fetches them as it would fetch the real ones:
 * `/idp/jwks.json`, `/fjc/jwks.json` (also `/fjc/.well-known/jwks.json`) and `/gateway/jwks.json`.
 * Public keys only; every other path is 404.
 * @param port - default the setup's `jwksPort`; 0 picks a free port.
 */
export async function serveKeys(setup: ConformanceSetup, port = setup.jwksPort): Promise<KeyServer> {
  const documents: Record<string, unknown> = {
    '/idp/jwks.json': setup.idp.jwks,
    '/fjc/jwks.json': setup.fjc.jwks,
    '/fjc/.well-known/jwks.json': setup.fjc.jwks,
    '/gateway/jwks.json': setup.gateway.jwks,
  };
  const server = http.createServer((req, res) => {
    const body = req.method === 'GET' ? documents[(req.url ?? '').split('?')[0]!] : undefined;
    res.setHeader('content-type', 'application/json');
    res.statusCode = body ? 200 : 404;
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  const host = setup.jwksHost === '127.0.0.1' || setup.jwksHost === 'localhost' ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    urls: jwksUrls(setup, actual),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
