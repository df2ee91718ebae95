import http from 'node:http';
import { AGENCIES } from '../../lib/agencies';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import { checkReadiness } from '../../gateway/readiness';
import { waitForHealth } from '../../scripts/processes';

/** Ports Node's fetch (the WHATWG "bad ports" list) refuses to connect to; any free one will do. */
const FETCH_REFUSED = [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080];

async function listenOnARefusedPort(server: http.Server): Promise<number> {
  for (const port of FETCH_REFUSED) {
    try {
      return await listen(server, port, '127.0.0.1');
    } catch {
      // in use by someone else: try the next one
    }
  }
  throw new Error('every port fetch refuses is in use');
}

describe('health checks on a port that fetch refuses', () => {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  let port: number;

  beforeAll(async () => {
    port = await listenOnARefusedPort(server);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
  afterAll(() => close(server));

  it('npm start sees the process answer its health route', async () => {
    await expect(waitForHealth('gateway', `http://127.0.0.1:${port}/health`, { timeoutMs: 3000 })).resolves.toBeUndefined();
  });

  it('still gives up, naming the process, when nothing answers', async () => {
    const closed = http.createServer();
    const free = await listen(closed, 0, '127.0.0.1');
    await close(closed);
    await expect(waitForHealth('police', `http://127.0.0.1:${free}/health`, { timeoutMs: 600 })).rejects.toThrow(`police did not answer http://127.0.0.1:${free}/health within 0.6 s`);
  });

  it('the gateway reports an agency on such a port up', async () => {
    const routes = new Map(AGENCIES.map((agency) => [agency, { url: `http://127.0.0.1:${port}/graphql` }]));
    expect(await checkReadiness(routes, 3000)).toEqual({ status: 'ready', agencies: Object.fromEntries(AGENCIES.map((a) => [a, 'up'])) });
  });
});
