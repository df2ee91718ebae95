import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

/**
 * A stand-in for a housing department's existing case system, as an agency would already run it:
 * its own database and its own JSON API, with its own names for things, knowing nothing of GraphQL
 * or OneRoof. It answers a search for many client references at once and monthly counts for its
 * reports. It serves the records of a seeded housing database, read-only.
 */
export interface LegacyCaseSystem {
  baseUrl: string;
  /** API calls received, by route (`POST /api/v2/dossiers/applications/search`...), for the batching checks. */
  readonly calls: Readonly<Record<string, number>>;
  /** Answers every call with 503 from now on (a system that is down); `false` again to recover. */
  failing(down: boolean): void;
  stop(): Promise<void>;
}

const SEARCHES: Record<string, string> = {
  applications: `SELECT person_id AS clientRef, applied_on AS dateApplied, status AS state, priority AS urgency, household_size AS persons
    FROM applications WHERE person_id IN (SELECT value FROM json_each(?))`,
  offers: `SELECT person_id AS clientRef, offered_on AS dateOffered, outcome AS result, dwelling_municipality AS town
    FROM offers WHERE person_id IN (SELECT value FROM json_each(?))`,
  shelter: `SELECT person_id AS clientRef, kind AS type, starts_on AS "from", ends_on AS "until", children_accompanying AS kids, shelter_location AS location
    FROM shelter_placements WHERE person_id IN (SELECT value FROM json_each(?))`,
};

const COUNTS: Record<string, string> = {
  'applications-by-urgency': `SELECT priority AS category, substr(applied_on, 1, 7) AS month, count(*) AS total
    FROM applications WHERE applied_on >= ? AND applied_on < ? GROUP BY category, month`,
  'shelter-stays-by-type': `SELECT kind AS category, substr(starts_on, 1, 7) AS month, count(*) AS total
    FROM shelter_placements WHERE starts_on >= ? AND starts_on < ? GROUP BY category, month`,
};

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text) as unknown;
}

/** Starts the stand-in on an ephemeral port over the housing records of `databaseFile`. */
export async function startLegacyCaseSystem(databaseFile: string): Promise<LegacyCaseSystem> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  const calls: Record<string, number> = {};
  let down = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://legacy');
    const route = `${req.method} ${url.pathname}`;
    calls[route] = (calls[route] ?? 0) + 1;
    if (down) return send(res, 503, { error: 'maintenance' });
    const search = /^\/api\/v2\/dossiers\/(\w+)\/search$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && search && SEARCHES[search]) {
      void bodyOf(req).then((body) => {
        const refs = (body as { clientRefs?: unknown }).clientRefs;
        if (!Array.isArray(refs)) return send(res, 400, { error: 'clientRefs required' });
        send(res, 200, { items: db.prepare(SEARCHES[search]!).all(JSON.stringify(refs)) });
      }, () => send(res, 400, { error: 'bad body' }));
      return undefined;
    }
    const count = /^\/api\/v2\/counts\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && count && COUNTS[count]) {
      return send(res, 200, { buckets: db.prepare(COUNTS[count]!).all(url.searchParams.get('start'), url.searchParams.get('end')) });
    }
    return send(res, 404, { error: 'no such route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    failing: (value) => {
      down = value;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
