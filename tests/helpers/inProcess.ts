import type http from 'node:http';
import { AGENCIES, type AgencyId } from '../../lib/agencies';
import { mintDevToken, type DevTokenClaims } from '../../lib/auth/devIssuer';
import { createGatewaySigner, GATEWAY_SIGNATURE_HEADER, loadGatewaySigningKey } from '../../lib/auth/gatewaySignature';
import { loadPairKeys } from '../../lib/auth/pairKeys';
import type { GraphQLHandler, HttpAnswer } from '../../lib/http/graphqlHttpServer';
import { TimeoutError, type KeepAliveFetch, type KeepAliveResponse } from '../../lib/http/keepAliveFetch';
import type { SqliteStore } from '../../lib/kit/store/sqlite';
import type { AgencyRuntime } from '../../lib/kit/agency/agencyRuntime';
import type { StoreHandle } from '../../lib/kit/agency/agencyModule';
import { createAgencyServer } from '../../lib/kit/agency/createAgencyServer';
import type { OneRoofStore } from '../../lib/kit/store/oneroofStore';
import { agencyModule } from '../../subgraphs/registry';
import { createGatewayServer, type GatewayServer } from '../../gateway/server';
import { loadConfig } from '../../lib/config';
import { composeSupergraph } from '../../schema/compose';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GraphQLResponse, PostOptions } from './graphql';
import { removeDataDir, seededDataDir, sqliteOf, testTokenVerifier, type StoreOverride } from './seededData';

/**
 * The in-process federation tier: the real subgraph servers (same `createSubgraphServer`, stores,
 * field policy, disclosure logs, consent assertions, gateway-signature checks) behind the real
 * gateway pipeline (token check, operation filter and query limits, planner, withheld-field answers),
 * joined by an in-process transport instead of sockets. Every request still goes through each
 * side's whole HTTP pipeline (`createGraphQLHandler`): the gateway sends the caller's token,
 * purpose, basis headers and its own signature over the exact body, and the subgraph checks them
 * all again. What it leaves out is only the network: ports, keep-alive, Node's HTTP parser.
 *
 * Use it for policy and view tests; use `startStack` (tests/helpers/stack.ts) where HTTP itself is
 * the subject (routes that answer text, header sizes, timeouts, shutdown, faults).
 */
export interface InProcessFederation {
  dataDir: string;
  subgraphs: Record<AgencyId, InProcessSubgraph>;
  gateway: GatewayServer;
  /** A development token for `claims`; `ttlMinutes` default 60. */
  token(claims: DevTokenClaims, ttlMinutes?: number): Promise<string>;
  /** Sends one GraphQL operation to the gateway, as `postGraphQL` does over HTTP, and gives the same answer shape. */
  post<T = Record<string, unknown>>(query: string, options?: PostOptions): Promise<GraphQLResponse<T>>;
  /**
   * Sends one operation straight to an agency's subgraph, signed as the gateway signs (as another
   * router with the gateway's key would): for checks a subgraph makes itself, whatever the gateway did.
   */
  direct<T = Record<string, unknown>>(agency: AgencyId, query: string, options?: PostOptions): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface InProcessSubgraph {
  /** The agency's own SQLite data (the FJC's store); throws for an agency served over another store. */
  readonly store: SqliteStore;
  /** The agency's store as its module opened it (the store interface). */
  agencyStore: StoreHandle;
  /** OneRoof's own store for the agency: its person links and disclosure log. */
  oneroof: OneRoofStore;
  runtime: AgencyRuntime;
  /** The subgraph's executable schema, its field policy applied. */
  schema: GraphQLSchema;
  handle: GraphQLHandler;
  /** Requests the gateway has sent this subgraph so far. */
  readonly requests: number;
  stop(): Promise<void>;
}

/** A subgraph beside the registry's agencies, composed into the supergraph and answered in process. */
export interface InProcessExtra {
  name: string;
  typeDefs: DocumentNode;
  handle: GraphQLHandler;
}

export interface InProcessOptions {
  /** Agencies served over another store than their module's own (an adapter to another system), by agency. */
  stores?: Partial<Record<AgencyId, StoreOverride>>;
  /** Subgraphs the registry does not list, composed beside the agencies' (the gateway serves any supergraph). */
  extraSubgraphs?: readonly InProcessExtra[];
  /** The gateway's timeout per subgraph name, in ms; default 2000 for each. */
  subgraphTimeoutMs?: Record<string, number>;
  /** Clients of the synthetic world; default 120. */
  clients?: number;
  /** Seed of the synthetic world; default 7. */
  seed?: number;
  /** Subgraphs refuse requests the gateway did not sign, as in production; default true here. */
  requireGatewaySignature?: boolean;
}

/** Where `inProcessTransport` finds a subgraph's pipeline, by its name. */
export const inProcessUrl = (name: string) => `http://${name}.in-process/graphql`;

/** Node hands a server header values as latin1 strings of the bytes sent, and its client refuses characters it cannot send. */
function asReceived(headers: Record<string, string>): http.IncomingHttpHeaders {
  const received: http.IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw new TypeError(`header ${name} holds a character HTTP cannot carry`);
    received[name.toLowerCase()] = value;
  }
  return received;
}

async function textOf(body: HttpAnswer['body']): Promise<string> {
  if (typeof body === 'string') return body;
  let text = '';
  for await (const chunk of body) text += chunk;
  return text;
}

/** Calls a pipeline with one request, as a client at the other end of a socket would. */
async function exchange(handle: GraphQLHandler, method: string, url: string, headers: Record<string, string>, body: string): Promise<{ answer: HttpAnswer; text: string }> {
  const bytes = Buffer.from(body, 'utf8');
  const answer = await handle({
    method,
    url,
    headers: asReceived({ ...headers, 'content-length': String(bytes.length) }),
    readBody: async () => bytes,
  });
  return { answer, text: await textOf(answer.body) };
}

/**
 * The gateway's transport to the subgraphs, in process: each URL's host (`inProcessUrl`) names the
 * subgraph whose pipeline answers. Keeps the contract of the HTTP one, deadline included.
 * @param sent - counts the requests sent to each subgraph, when given.
 */
export function inProcessTransport(handlers: Partial<Record<string, GraphQLHandler>>, sent?: Record<string, number>): KeepAliveFetch {
  return async (url, init) => {
    const target = new URL(url);
    const agency = target.host.endsWith('.in-process') ? target.host.slice(0, -'.in-process'.length) : '';
    const handler = handlers[agency];
    if (!handler) throw new Error(`no in-process subgraph at ${url}`);
    if (sent) sent[agency] = (sent[agency] ?? 0) + 1;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`no answer from ${agency} within ${init.timeoutMs} ms`)), init.timeoutMs);
    });
    try {
      const { answer, text } = await Promise.race([
        exchange(handler, init.method ?? 'POST', `${target.pathname}${target.search}`, init.headers ?? {}, init.body ?? ''),
        deadline,
      ]);
      const response: KeepAliveResponse = {
        ok: answer.status >= 200 && answer.status < 300,
        status: answer.status,
        statusText: '',
        url,
        headers: { get: (name) => answer.headers[name.toLowerCase()] ?? null },
        text: async () => text,
        json: async () => JSON.parse(text) as unknown,
      };
      return response;
    } finally {
      clearTimeout(timer);
    }
  };
}

const bodyOf = (query: string, post: PostOptions) => JSON.stringify({ query, variables: post.variables });

/** One POST of a GraphQL operation to a pipeline, with the headers `postGraphQL` would send. */
export async function postTo<T>(handle: GraphQLHandler, query: string, post: PostOptions): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...post.headers };
  if (post.token) headers.authorization = `Bearer ${post.token}`;
  if (post.purpose) headers['x-purpose-of-use'] = post.purpose;
  const { answer, text } = await exchange(handle, 'POST', '/graphql', headers, bodyOf(query, post));
  return { status: answer.status, headers: new Headers(answer.headers), body: JSON.parse(text) as GraphQLResponse<T>['body'] };
}

/**
 * Seeds a temporary data dir and composes every subgraph and the gateway in this process, joined
 * without sockets (see `InProcessFederation`). About as fast to start as the stores are to seed.
 */
export async function startInProcess(options: InProcessOptions = {}): Promise<InProcessFederation> {
  const dataDir = seededDataDir(options);
  const verifyToken = await testTokenVerifier(dataDir);
  const subgraphs = {} as Record<AgencyId, InProcessSubgraph>;
  const sent = Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<AgencyId, number>;
  for (const agency of AGENCIES) {
    const own = agencyModule(agency);
    const override = options.stores?.[agency];
    const { server, runtime, opened, stop } = await createAgencyServer(override ? { ...own, openStore: override } : own, {
      dataDir,
      assertionJwksUrl: '',
      // fjc comes first in AGENCIES: the others are handed its public keys instead of fetching them.
      assertionJwks: subgraphs.fjc?.runtime.options.assertionSigner?.jwks,
      production: false,
      requireGatewaySignature: options.requireGatewaySignature ?? true,
      verifyToken,
    });
    subgraphs[agency] = {
      get store() {
        return sqliteOf(agency, opened.store);
      },
      agencyStore: opened.store,
      oneroof: opened.oneroof,
      runtime,
      schema: server.schema,
      handle: server.handle,
      get requests() {
        return sent[agency] ?? 0;
      },
      stop,
    };
  }
  const extra = options.extraSubgraphs ?? [];
  const handlers: Record<string, GraphQLHandler> = Object.fromEntries([...AGENCIES.map((a) => [a, subgraphs[a].handle] as const), ...extra.map((x) => [x.name, x.handle] as const)]);
  const signer = await createGatewaySigner(await loadGatewaySigningKey({ production: false, dataDir }), { macKeys: loadPairKeys('gateway', { production: false, dataDir }) });
  let directRequests = 0;
  const gatewayDefaults = loadConfig({});
  const gateway = await createGatewayServer({
    supergraphSdl: composeSupergraph(4001, extra.map((x) => ({ name: x.name, url: inProcessUrl(x.name), typeDefs: x.typeDefs }))),
    subgraphUrls: Object.fromEntries(AGENCIES.map((a) => [a, inProcessUrl(a)])),
    verifyToken,
    production: false,
    signer,
    transport: inProcessTransport(handlers, sent),
    ...(options.subgraphTimeoutMs ? { resilience: { ...gatewayDefaults.resilience, subgraphTimeoutMs: options.subgraphTimeoutMs } } : {}),
  });
  return {
    dataDir,
    subgraphs,
    gateway,
    token: (claims, ttlMinutes) => mintDevToken(dataDir, claims, { ttlMinutes }),
    post: <T>(query: string, post: PostOptions = {}) => postTo<T>(gateway.handle, query, post),
    direct: async <T>(agency: AgencyId, query: string, post: PostOptions = {}) => {
      directRequests += 1;
      const requestId = `direct-${directRequests}`;
      const body = bodyOf(query, post);
      const signature = await signer.sign({ method: 'POST', body, requestId, audience: agency });
      return postTo<T>(handlers[agency], query, { ...post, headers: { 'x-request-id': requestId, [GATEWAY_SIGNATURE_HEADER]: signature, ...post.headers } });
    },
    stop: async () => {
      await gateway.apollo.stop();
      for (const agency of AGENCIES) await subgraphs[agency].stop();
      removeDataDir(dataDir);
    },
  };
}
