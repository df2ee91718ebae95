import type http from 'node:http';
import { AGENCIES, type AgencyId } from '../../lib/agencies';
import { mintDevToken, type DevTokenClaims } from '../../lib/auth/devIssuer';
import { createGatewaySigner, loadGatewaySigningKey } from '../../lib/auth/gatewaySignature';
import { loadPairKeys } from '../../lib/auth/pairKeys';
import { createTokenVerifier } from '../../lib/auth/tokens';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import type { SqliteStore } from '../../lib/kit/store/sqlite';
import type { OneRoofStore } from '../../lib/kit/store/oneroofStore';
import type { AgencyRuntime } from '../../lib/kit/agency/agencyRuntime';
import type { StoreHandle } from '../../lib/kit/agency/agencyModule';
import { createAgencyServer } from '../../lib/kit/agency/createAgencyServer';
import { agencyModule } from '../../subgraphs/registry';
import { createGatewayServer, type GatewayServer } from '../../gateway/server';
import type { ConsoleSignIn } from '../../gateway/console/mountConsole';
import { loadConfig, type QueryLimitsConfig, type ResilienceConfig } from '../../lib/config';
import { composeSupergraph } from '../../schema/compose';
import { postGraphQL, type GraphQLResponse, type PostOptions } from './graphql';
import { removeDataDir, seededDataDir, sqliteOf, testTokenVerifier } from './seededData';

export interface RunningSubgraph {
  url: string;
  /** The agency's own SQLite data (the FJC's store), for checks of its records. */
  store: SqliteStore;
  /** The agency's store as its module opened it (the store interface). */
  agencyStore: StoreHandle;
  /** OneRoof's own store for the agency: its person links and disclosure log. */
  oneroof: OneRoofStore;
  /** Statements run on the agency's data and OneRoof's own store for it since it opened. */
  readonly queryCount: number;
  /** The agency's own disclosure log. */
  runtime: AgencyRuntime;
  /** GraphQL requests this subgraph has received (key fetches and health checks not counted). */
  readonly requests: number;
  /** The raw bodies of the requests it received, oldest first; only with `StackOptions.recordBodies`. */
  readonly bodies: readonly string[];
  /** The agency's HTTP server (to watch the order in which it answers). */
  readonly http: http.Server;
  stop(): Promise<void>;
  /** Like a crash: stops listening and cuts every open connection, in-flight requests included. */
  kill(): Promise<void>;
  /** Listens again on the same port after `kill` (the gateway is not told). */
  restart(): Promise<void>;
  /** Holds every `/graphql` request this long before handling it; 0 (the default) handles at once. */
  slowDown(ms: number): void;
  /**
   * Holds every `/graphql` request in proportion to its size, as an agency whose work grows with what
   * it is asked: `perKilobyteMs` per KiB of body, at most `maxMs`; `slowDownBySize(0)` stops it.
   */
  slowDownBySize(perKilobyteMs: number, maxMs?: number): void;
  /** Holds every `/graphql` answer this long once it is complete (a slow way back); 0 (the default) sends it at once. */
  holdAnswers(ms: number): void;
  /** `/graphql` requests held by a slow-down and not handled yet. */
  readonly held: number;
}

export interface TestStack {
  gatewayUrl: string;
  /** Sends one GraphQL operation to the gateway over HTTP (`postGraphQL`). */
  post<T = Record<string, unknown>>(query: string, options?: PostOptions): Promise<GraphQLResponse<T>>;
  dataDir: string;
  subgraphs: Record<AgencyId, RunningSubgraph>;
  token(claims: DevTokenClaims, ttlMinutes?: number): Promise<string>;
  stop(): Promise<void>;
  /** The gateway's own servers and circuits. */
  gateway: GatewayServer;
}

export interface StackOptions {
  /** Subgraphs refuse requests the gateway did not sign, as in production; default false. */
  requireGatewaySignature?: boolean;
  clients?: number;
  seed?: number;
  /** Record every request body each subgraph receives, in `RunningSubgraph.bodies`; default false. */
  recordBodies?: boolean;
  /** The gateway's subgraph timeout in ms, for all agencies or per agency; default 2000. */
  subgraphTimeoutMs?: number | Partial<Record<AgencyId, number>>;
  /** Consecutive failures that open an agency's circuit; default 3. */
  breakerFailures?: number;
  /** How long an open circuit waits before a probe, in ms; default 5000. */
  breakerCooldownMs?: number;
  /** Overrides of the gateway's query and body limits. */
  limits?: Partial<QueryLimitsConfig>;
  /** Origins whose pages may call the gateway (`ONEROOF_CORS_ORIGINS`); default none. */
  corsOrigins?: string[];
  /** How the console signs in; default the development sign-in. */
  consoleSignIn?: ConsoleSignIn;
  /** An identity provider whose tokens the gateway and subgraphs accept instead of the development issuer's. */
  jwks?: { jwksUrl: string; issuer: string; audience: string };
  /** The gateway's port; default an ephemeral one. */
  gatewayPort?: number;
  /** Overrides of the gateway's request budget, per-viewer share and circuit rules. */
  resilience?: Partial<Pick<ResilienceConfig, 'requestTimeoutMs' | 'viewerConcurrency' | 'viewerQueue' | 'breakerLargeFetch'>>;
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Puts a switchable delay in front of a server's `/graphql` handler; health checks stay prompt. */
function delayable(server: http.Server): Pick<RunningSubgraph, 'slowDown' | 'slowDownBySize' | 'holdAnswers' | 'held'> {
  let delayMs = 0;
  let answerMs = 0;
  let perKilobyteMs = 0;
  let maxMs = Infinity;
  let held = 0;
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const run = () => handlers.forEach((handler) => handler.call(server, req, res));
    if (answerMs > 0 && req.url?.startsWith('/graphql')) {
      const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
      const hold = answerMs;
      res.end = ((...args: unknown[]) => {
        setTimeout(() => end(...args), hold);
        return res;
      }) as typeof res.end;
    }
    const size = Number(req.headers['content-length'] ?? 0) / 1024;
    const ms = req.url?.startsWith('/graphql') ? delayMs + Math.min(perKilobyteMs * size, maxMs) : 0;
    if (ms <= 0) return run();
    held += 1;
    setTimeout(() => {
      held -= 1;
      run();
    }, ms);
  });
  return {
    slowDown: (ms) => {
      delayMs = ms;
    },
    slowDownBySize: (ms, max = Infinity) => {
      perKilobyteMs = ms;
      maxMs = max;
    },
    holdAnswers: (ms) => {
      answerMs = ms;
    },
    get held() {
      return held;
    },
  };
}

/**
 * Records a request body as the subgraph's own handler reads it, without reading it here: a
 * paused stream emits 'data' only for the chunks its consumer takes, so the handler is unaffected.
 */
function recordBody(req: http.IncomingMessage, into: string[]): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.pause();
  req.once('end', () => {
    if (chunks.length > 0) into.push(Buffer.concat(chunks).toString('utf8'));
  });
}

/**
 * Seeds a temporary data dir, then starts every subgraph and the gateway in this process on
 * ephemeral ports, over real HTTP, as `npm start` does with separate processes.
 */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const dataDir = seededDataDir(options);
  // An identity provider's keys when the test names one (the console's OpenID Connect sign-in).
  const verifyToken = options.jwks
    ? await createTokenVerifier({ ...loadConfig({ ONEROOF_DATA_DIR: dataDir }).auth, mode: 'jwks', ...options.jwks })
    : await testTokenVerifier(dataDir);
  const subgraphs = {} as Record<AgencyId, RunningSubgraph>;
  for (const agency of AGENCIES) {
    // fjc starts first (AGENCIES order): the others fetch its assertion keys over HTTP.
    const assertionJwksUrl = subgraphs.fjc ? subgraphs.fjc.url.replace(/graphql$/, '.well-known/jwks.json') : '';
    const { server, runtime, opened, stop } = await createAgencyServer(agencyModule(agency), {
      dataDir, assertionJwksUrl, production: false, requireGatewaySignature: options.requireGatewaySignature, verifyToken,
    });
    const store = sqliteOf(agency, opened.store);
    const delays = delayable(server.http);
    const port = await listen(server.http, 0, '127.0.0.1');
    let requests = 0;
    server.http.on('request', (req: { url?: string }) => {
      if (req.url?.startsWith('/graphql')) requests += 1;
    });
    const bodies: string[] = [];
    if (options.recordBodies) server.http.prependListener('request', (req) => recordBody(req, bodies));
    subgraphs[agency] = {
      url: `http://127.0.0.1:${port}/graphql`,
      store,
      agencyStore: opened.store,
      oneroof: opened.oneroof,
      get queryCount() {
        return store.queryCount + opened.oneroof.sqlite.queryCount;
      },
      runtime,
      get requests() {
        return requests;
      },
      bodies,
      http: server.http,
      stop: async () => {
        await close(server.http);
        await stop();
      },
      kill: async () => {
        const closed = new Promise<void>((resolve) => server.http.close(() => resolve()));
        server.http.closeAllConnections();
        await closed;
      },
      restart: async () => {
        await listen(server.http, port, '127.0.0.1');
      },
      slowDown: delays.slowDown,
      slowDownBySize: delays.slowDownBySize,
      holdAnswers: delays.holdAnswers,
      get held() {
        return delays.held;
      },
    };
  }
  const gateway = await createGatewayServer({
    supergraphSdl: composeSupergraph(),
    subgraphUrls: Object.fromEntries(AGENCIES.map((a) => [a, subgraphs[a].url])) as Record<AgencyId, string>,
    verifyToken,
    production: false,
    signer: await createGatewaySigner(await loadGatewaySigningKey({ production: false, dataDir }), { macKeys: loadPairKeys('gateway', { production: false, dataDir }) }),
    corsOrigins: options.corsOrigins,
    console: { devIssuerDataDir: dataDir, signIn: options.consoleSignIn },
    ...gatewaySettings(options),
  });
  const gatewayPort = await listen(gateway.http, options.gatewayPort ?? 0, '127.0.0.1');
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  return {
    gatewayUrl,
    post: (query, post) => postGraphQL(gatewayUrl, query, post),
    dataDir,
    subgraphs,
    token: (claims, ttlMinutes) => mintDevToken(dataDir, claims, { ttlMinutes }),
    gateway,
    stop: async () => {
      await close(gateway.http);
      await gateway.apollo.stop();
      for (const agency of AGENCIES) await subgraphs[agency].stop();
      removeDataDir(dataDir);
    },
  };
}

/** The gateway's limits and resilience settings: the configuration's defaults with the stack's overrides. */
function gatewaySettings(options: StackOptions): Pick<Parameters<typeof createGatewayServer>[0], 'limits' | 'resilience'> {
  const defaults = loadConfig({});
  const timeout = options.subgraphTimeoutMs;
  const subgraphTimeoutMs = Object.fromEntries(
    AGENCIES.map((a) => [a, (typeof timeout === 'number' ? timeout : timeout?.[a]) ?? defaults.resilience.subgraphTimeoutMs[a]]),
  ) as Record<AgencyId, number>;
  return {
    limits: { ...defaults.limits, ...options.limits },
    resilience: {
      ...defaults.resilience,
      ...options.resilience,
      subgraphTimeoutMs,
      breakerFailures: options.breakerFailures ?? defaults.resilience.breakerFailures,
      breakerCooldownMs: options.breakerCooldownMs ?? defaults.resilience.breakerCooldownMs,
    },
  };
}
