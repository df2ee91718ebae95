import http from 'node:http';
import { mountCors } from '../../gateway/cors';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import { rawRequest } from '../helpers/rawHttp';

/** The CORS layer on its own, in front of a handler that answers everything it is handed. */
async function serve(origins: string[], act: (base: string) => Promise<void>): Promise<void> {
  const server = http.createServer((_req, res) => res.end('handled'));
  mountCors(server, { origins, headers: { 'x-content-type-options': 'nosniff' } });
  const port = await listen(server, 0, '127.0.0.1');
  try {
    await act(`http://127.0.0.1:${port}`);
  } finally {
    await close(server);
  }
}

const preflight = (base: string, path: string) =>
  rawRequest(base, { method: 'OPTIONS', path, headers: { origin: 'https://dashboard.example.org', 'access-control-request-method': 'POST' } });

describe('the CORS layer', () => {
  it('allows no origin when none is configured: every OPTIONS on the two routes is a 405, and nothing varies by Origin', async () => {
    await serve([], async (base) => {
      for (const [path, allow] of [['/graphql', 'GET, POST'], ['/statistics.csv', 'GET']]) {
        const answer = await preflight(base, path!);
        expect({ status: answer.status, allow: answer.headers.allow, vary: answer.headers.vary, origin: answer.headers['access-control-allow-origin'] })
          .toEqual({ status: 405, allow, vary: undefined, origin: undefined });
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
      }
      const get = await rawRequest(base, { method: 'GET', path: '/graphql', headers: { origin: 'https://dashboard.example.org' } });
      expect({ text: get.text, vary: get.headers.vary, origin: get.headers['access-control-allow-origin'] }).toEqual({ text: 'handled', vary: undefined, origin: undefined });
    });
  });

  it('hands every request but an OPTIONS on the two routes to the handler, whatever its origin', async () => {
    await serve(['https://dashboard.example.org'], async (base) => {
      const other = await preflight(base, '/health');
      expect(other.text).toBe('handled');
      const allowed = await preflight(base, '/graphql');
      expect({ status: allowed.status, text: allowed.text }).toEqual({ status: 204, text: '' });
    });
  });

  it('answers an OPTIONS from an allowed origin that is no preflight (no Access-Control-Request-Method) with 405', async () => {
    await serve(['https://dashboard.example.org'], async (base) => {
      const answer = await rawRequest(base, { method: 'OPTIONS', path: '/graphql', headers: { origin: 'https://dashboard.example.org' } });
      expect({ status: answer.status, origin: answer.headers['access-control-allow-origin'] }).toEqual({ status: 405, origin: undefined });
    });
  });
});
