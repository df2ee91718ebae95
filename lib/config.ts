import path from 'node:path';
import { AGENCIES, type AgencyId, agencyPortOffset, envSuffix } from './agencies';
import { DEV_ISSUER } from './auth/devIssuer';
import { DEFAULT_TOKEN_LIFETIME, type TokenLifetime } from './auth/tokenLifetime';

/** How tokens are verified: the local development issuer, or an identity provider's JWKS; the lifetime limits apply to both. */
export type AuthConfig =
  | { mode: 'development'; issuer: string; audience: string; dataDir: string; lifetime: TokenLifetime }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string; lifetime: TokenLifetime };

export interface OneRoofConfig {
  production: boolean;
  /** Where the embedded stores and development keys live; default `./data`. */
  dataDir: string;
  /** Gateway port; default 4000 (`PORT`). */
  gatewayPort: number;
  /** fjc listens here, the partner agencies on the following ports; default 4001. */
  subgraphBasePort: number;
  /** Where the gateway finds each agency of the registry; default `http://localhost:<port>/graphql`. */
  subgraphUrls: Record<AgencyId, string>;
  /**
   * Per-subgraph settings by the name's variable suffix (`ONEROOF_SUBGRAPH_URL_<NAME>`,
   * `ONEROOF_SUBGRAPH_TIMEOUT_MS_<NAME>`), for any subgraph the supergraph names, in the registry or not.
   */
  subgraphOverrides: SubgraphOverrides;
  /** The supergraph the gateway serves (`ONEROOF_SUPERGRAPH_FILE`); default `schema/supergraph.graphql`. */
  supergraphFile: string;
  /** Where partner agencies fetch the FJC's consent-assertion keys; default beside the FJC's `/graphql`. */
  assertionJwksUrl: string;
  /** Days each agency keeps disclosure records; default 3650 (ten years). */
  auditRetentionDays: Record<AgencyId, number>;
  auth: AuthConfig;
  /** What the gateway accepts in one request, checked before anything is planned. */
  limits: QueryLimitsConfig;
  /** How the gateway treats a slow or failing agency, and how it stops. */
  resilience: ResilienceConfig;
  /** How `npm start` restarts a process that crashed. */
  supervisor: SupervisorConfig;
  /**
   * Production accepts plain-http subgraph URLs only with `ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS=true`
   * (a trusted private network); default false.
   */
  allowPlaintextSubgraphs: boolean;
  /**
   * `ONEROOF_BENCH_AUTHORIZATION=off`, for the policy-cost benchmark only (`npm run bench`): the
   * gateway and the subgraphs skip tokens, ceilings, field decisions, consent assertions, signatures
   * and the disclosure log. Refused in production; default false (authorization on).
   */
  benchAuthorizationOff: boolean;
  /**
   * `ONEROOF_CORS_ORIGINS`: the exact origins (`https://dashboard.example.org`) whose web pages may
   * call `/graphql` and `/statistics.csv` with a bearer token; default none.
   */
  corsOrigins: string[];
  /** How the web console signs staff in: OpenID Connect when `ONEROOF_OIDC_*` are set (docs/console.md). */
  consoleOidc?: ConsoleOidcConfig;
}

/** The console's OpenID Connect public client (authorization code flow with PKCE, in the browser). */
export interface ConsoleOidcConfig {
  /** `ONEROOF_OIDC_ISSUER`: the issuer, whose `/.well-known/openid-configuration` names the endpoints. */
  issuer: string;
  /** `ONEROOF_OIDC_CLIENT_ID`: the console's client id at the identity provider (a public client). */
  clientId: string;
  /** `ONEROOF_OIDC_REDIRECT_URI`: where the provider sends the browser back, the console's `/callback`. */
  redirectUri: string;
  /** `ONEROOF_OIDC_SCOPE`, default `openid`. */
  scope: string;
}

/** Query limits of the gateway (README, Limits and resilience); each has its own error code. */
export interface QueryLimitsConfig {
  /** `ONEROOF_MAX_DEPTH`, default 12: nesting of fields, fragments flattened. */
  maxDepth: number;
  /** `ONEROOF_MAX_ALIASES`, default 30 per operation. */
  maxAliases: number;
  /** `ONEROOF_MAX_TOKENS`, default 5000 lexical tokens per document, counted before it is parsed. */
  maxTokens: number;
  /** `ONEROOF_MAX_DIRECTIVES`, default 50 per operation. */
  maxDirectives: number;
  /** `ONEROOF_MAX_COST`, default 20000: graphql-armor's estimate (objects 2, scalars 1, x1.5 per level, x`first`). */
  maxCost: number;
  /** `ONEROOF_MAX_BODY_BYTES`, default 262144 (256 KiB): largest request body. */
  maxBodyBytes: number;
  /**
   * `ONEROOF_MAX_FANOUT`, default 500 clients at every agency of the registry (4000 with eight): entities one request may
   * ask the subgraphs about in all (the representations of every entity fetch, the ids of a root
   * fetch); a call that would pass it is not sent (TOO_MANY_ENTITIES).
   */
  maxFanout: number;
}

/** Settings of one subgraph by the suffix of its variables (`envSuffix(name)`: `youth-care` -> `YOUTH_CARE`). */
export interface SubgraphOverrides {
  urls: Record<string, string>;
  timeoutsMs: Record<string, number>;
}

export interface ResilienceConfig {
  /** Per agency, ms: `ONEROOF_SUBGRAPH_TIMEOUT_MS_<AGENCY>`, else `ONEROOF_SUBGRAPH_TIMEOUT_MS`, default 2000. */
  subgraphTimeoutMs: Record<AgencyId, number>;
  /** `ONEROOF_SUBGRAPH_TIMEOUT_MS`, default 2000: the timeout of a subgraph without its own. */
  defaultSubgraphTimeoutMs: number;
  /** `ONEROOF_BREAKER_FAILURES`, default 3: consecutive failures that open an agency's circuit. */
  breakerFailures: number;
  /** `ONEROOF_BREAKER_COOLDOWN_MS`, default 5000: how long an open circuit waits before one probe. */
  breakerCooldownMs: number;
  /** `ONEROOF_SHUTDOWN_GRACE_MS`, default 10000: how long SIGTERM waits for in-flight requests. */
  shutdownGraceMs: number;
  /**
   * `ONEROOF_REQUEST_TIMEOUT_MS`, default 5000: one request's whole budget at the gateway, a wait for
   * a slot included; each agency call waits at most what remains of it, and the agency is told so
   * and stops then. Also each subgraph's own limit for a request that names no budget.
   */
  requestTimeoutMs: number;
  /** `ONEROOF_VIEWER_CONCURRENCY`, default 4: requests of one viewer (token subject and agency) the gateway runs at once. */
  viewerConcurrency: number;
  /** `ONEROOF_VIEWER_QUEUE`, default 16: more requests of that viewer wait, in order, for a slot; beyond them 429 TOO_MANY_REQUESTS. */
  viewerQueue: number;
  /**
   * `ONEROOF_BREAKER_LARGE_FETCH`, default 50: a call carrying more entities than this that times
   * out does not count against the agency's circuit (its own size may explain it).
   */
  breakerLargeFetch: number;
}

export interface SupervisorConfig {
  /** `ONEROOF_RESTART_DELAY_MS`, default 500: wait before restarting a crashed process; doubles with each crash in a row, up to 30 s. */
  restartDelayMs: number;
  /** `ONEROOF_RESTART_MAX_CRASHES`, default 5: crashes in a row, each within 30 s of starting, after which `npm start` gives a process up. */
  maxFastCrashes: number;
}

export class ConfigError extends Error {}

/** The committed supergraph, `schema/supergraph.graphql`. */
export const DEFAULT_SUPERGRAPH_FILE = path.resolve(__dirname, '..', 'schema', 'supergraph.graphql');

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got "${raw}".`);
  }
  return value;
}

function days(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number of days (1 or more), got "${raw}".`);
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number of at least ${min}, got "${raw}".`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be "true" or "false", got "${raw}".`);
}

/** The env variable that sets one subgraph's call timeout, e.g. `ONEROOF_SUBGRAPH_TIMEOUT_MS_YOUTH_CARE`. */
export function subgraphTimeoutVariable(agency: AgencyId): string {
  return `${TIMEOUT_PREFIX}${envSuffix(agency)}`;
}

/** The largest page any field serves, and the most ids `clients(ids:)` takes. */
const MAX_PAGE = 500;

function limitsConfig(env: NodeJS.ProcessEnv): QueryLimitsConfig {
  return {
    maxDepth: integer(env, 'ONEROOF_MAX_DEPTH', 12),
    maxAliases: integer(env, 'ONEROOF_MAX_ALIASES', 30, 0),
    maxTokens: integer(env, 'ONEROOF_MAX_TOKENS', 5000),
    maxDirectives: integer(env, 'ONEROOF_MAX_DIRECTIVES', 50, 0),
    maxCost: integer(env, 'ONEROOF_MAX_COST', 20_000),
    maxBodyBytes: integer(env, 'ONEROOF_MAX_BODY_BYTES', 256 * 1024, 1024),
    maxFanout: integer(env, 'ONEROOF_MAX_FANOUT', MAX_PAGE * AGENCIES.length),
  };
}

const URL_PREFIX = 'ONEROOF_SUBGRAPH_URL_';
const TIMEOUT_PREFIX = 'ONEROOF_SUBGRAPH_TIMEOUT_MS_';

/** Every per-subgraph variable set, checked: a timeout that is no number, or a URL that is none, stops the start. */
function subgraphOverrides(env: NodeJS.ProcessEnv): SubgraphOverrides {
  const overrides: SubgraphOverrides = { urls: {}, timeoutsMs: {} };
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (name.startsWith(TIMEOUT_PREFIX)) overrides.timeoutsMs[name.slice(TIMEOUT_PREFIX.length)] = integer(env, name, 0, 10);
    if (name.startsWith(URL_PREFIX)) {
      if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) throw new ConfigError(`${name} must be an http(s) URL, got "${value}".`);
      overrides.urls[name.slice(URL_PREFIX.length)] = value;
    }
  }
  return overrides;
}

function resilienceConfig(env: NodeJS.ProcessEnv, overrides: SubgraphOverrides): ResilienceConfig {
  const timeout = integer(env, 'ONEROOF_SUBGRAPH_TIMEOUT_MS', 2000, 10);
  return {
    subgraphTimeoutMs: Object.fromEntries(AGENCIES.map((agency) => [agency, overrides.timeoutsMs[envSuffix(agency)] ?? timeout])) as Record<AgencyId, number>,
    defaultSubgraphTimeoutMs: timeout,
    breakerFailures: integer(env, 'ONEROOF_BREAKER_FAILURES', 3),
    breakerCooldownMs: integer(env, 'ONEROOF_BREAKER_COOLDOWN_MS', 5000, 0),
    shutdownGraceMs: integer(env, 'ONEROOF_SHUTDOWN_GRACE_MS', 10_000, 0),
    requestTimeoutMs: integer(env, 'ONEROOF_REQUEST_TIMEOUT_MS', 5000, 10),
    viewerConcurrency: integer(env, 'ONEROOF_VIEWER_CONCURRENCY', 4),
    viewerQueue: integer(env, 'ONEROOF_VIEWER_QUEUE', 16, 0),
    breakerLargeFetch: integer(env, 'ONEROOF_BREAKER_LARGE_FETCH', 50),
  };
}

/** The env variable that overrides one subgraph's URL, e.g. `ONEROOF_SUBGRAPH_URL_YOUTH_CARE`. */
export function subgraphUrlVariable(agency: AgencyId): string {
  return `${URL_PREFIX}${envSuffix(agency)}`;
}

/**
 * Reads and validates the configuration once, at start.
 * @param env - the environment; default `process.env`.
 * @throws ConfigError with a message that says what to fix when the configuration is unsafe.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OneRoofConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.ONEROOF_DATA_DIR || 'data');
  const subgraphBasePort = port(env, 'ONEROOF_SUBGRAPH_BASE_PORT', 4001);
  const overrides = subgraphOverrides(env);
  const subgraphUrls = Object.fromEntries(
    AGENCIES.map((agency) => [agency, overrides.urls[envSuffix(agency)] ?? `http://localhost:${subgraphBasePort + agencyPortOffset(agency)}/graphql`]),
  ) as Record<AgencyId, string>;
  const audience = env.ONEROOF_AUDIENCE || 'oneroof';
  return {
    production,
    dataDir,
    gatewayPort: port(env, 'PORT', 4000),
    subgraphBasePort,
    subgraphUrls,
    subgraphOverrides: overrides,
    supergraphFile: path.resolve(env.ONEROOF_SUPERGRAPH_FILE || DEFAULT_SUPERGRAPH_FILE),
    auditRetentionDays: Object.fromEntries(
      AGENCIES.map((agency) => [agency, days(env, `ONEROOF_AUDIT_RETENTION_DAYS_${envSuffix(agency)}`, days(env, 'ONEROOF_AUDIT_RETENTION_DAYS', 3650))]),
    ) as Record<AgencyId, number>,
    assertionJwksUrl: env.ONEROOF_ASSERTION_JWKS_URL || subgraphUrls.fjc.replace(/graphql\/?$/, '.well-known/jwks.json'),
    auth: authConfig(env, production, audience, dataDir),
    limits: limitsConfig(env),
    resilience: resilienceConfig(env, overrides),
    supervisor: {
      restartDelayMs: integer(env, 'ONEROOF_RESTART_DELAY_MS', 500, 0),
      maxFastCrashes: integer(env, 'ONEROOF_RESTART_MAX_CRASHES', 5),
    },
    allowPlaintextSubgraphs: flag(env, 'ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS'),
    benchAuthorizationOff: benchAuthorizationOff(env, production),
    corsOrigins: corsOrigins(env.ONEROOF_CORS_ORIGINS, production),
    consoleOidc: consoleOidc(env, production),
  };
}

/** `ONEROOF_OIDC_*`: all three or none; https in production (tokens travel through these addresses). */
function consoleOidc(env: NodeJS.ProcessEnv, production: boolean): ConsoleOidcConfig | undefined {
  const names = ['ONEROOF_OIDC_ISSUER', 'ONEROOF_OIDC_CLIENT_ID', 'ONEROOF_OIDC_REDIRECT_URI'] as const;
  const [issuer, clientId, redirectUri] = names.map((name) => env[name] || undefined);
  if (!issuer && !clientId && !redirectUri) return undefined;
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`The console's OpenID Connect sign-in needs ${missing.join(' and ')} too (or none of ONEROOF_OIDC_*).`);
  for (const [name, value] of [[names[0], issuer], [names[2], redirectUri]] as const) {
    let url: URL;
    try {
      url = new URL(value!);
    } catch {
      throw new ConfigError(`${name} must be a URL, got "${value}".`);
    }
    if (production && url.protocol !== 'https:') throw new ConfigError(`${name} must be an https:// URL in production.`);
  }
  return { issuer: issuer!, clientId: clientId!, redirectUri: redirectUri!, scope: env.ONEROOF_OIDC_SCOPE || 'openid' };
}

/**
 * `ONEROOF_CORS_ORIGINS`, a comma-separated allow-list of exact origins as a browser sends them in
 * `Origin`: scheme, host and port only, lower case, no default port, no path. Anything else is
 * refused rather than guessed at: a near miss would silently allow nothing, a pattern too much.
 */
function corsOrigins(raw: string | undefined, production: boolean): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const origins = raw.split(',').map((entry) => entry.trim());
  for (const origin of origins) {
    const refuse = (why: string) => new ConfigError(`ONEROOF_CORS_ORIGINS: "${origin}" ${why}`);
    if (origin === '*') throw refuse('is refused: list each dashboard\'s exact origin, e.g. https://dashboard.example.org.');
    if (origin === '') throw refuse('is empty: separate origins with single commas.');
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw refuse('is not an origin: write scheme and host, e.g. https://dashboard.example.org.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('is not an http(s) origin.');
    if (url.origin !== origin) throw refuse(`is not an exact origin: write ${url.origin} (no path, no trailing slash, no default port, lower case).`);
    if (production && url.protocol !== 'https:') throw refuse('is refused in production: a bearer token travels from that page, so it must be served over https.');
  }
  return [...new Set(origins)];
}

/** `ONEROOF_BENCH_AUTHORIZATION`: `on` (or unset) or `off`; `off` never runs in production. */
function benchAuthorizationOff(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const raw = env.ONEROOF_BENCH_AUTHORIZATION;
  if (raw === undefined || raw === '' || raw === 'on') return false;
  if (raw !== 'off') throw new ConfigError(`ONEROOF_BENCH_AUTHORIZATION must be "on" or "off", got "${raw}".`);
  if (production) throw new ConfigError('ONEROOF_BENCH_AUTHORIZATION=off is for benchmarks only: NODE_ENV=production refuses it.');
  return true;
}

function authConfig(
  env: NodeJS.ProcessEnv,
  production: boolean,
  audience: string,
  dataDir: string,
): AuthConfig {
  const jwksUrl = env.ONEROOF_JWKS_URL;
  const issuer = env.ONEROOF_ISSUER;
  const lifetime: TokenLifetime = {
    maxSeconds: integer(env, 'ONEROOF_TOKEN_MAX_LIFETIME_SECONDS', DEFAULT_TOKEN_LIFETIME.maxSeconds, 60),
    clockSkewSeconds: integer(env, 'ONEROOF_TOKEN_CLOCK_SKEW_SECONDS', DEFAULT_TOKEN_LIFETIME.clockSkewSeconds, 0),
  };
  if (production) {
    if (!jwksUrl || !issuer) {
      throw new ConfigError(
        'NODE_ENV=production needs ONEROOF_JWKS_URL and ONEROOF_ISSUER: the development issuer is refused in production.',
      );
    }
    if (issuer === DEV_ISSUER) {
      throw new ConfigError(`ONEROOF_ISSUER may not be the development issuer "${DEV_ISSUER}" in production.`);
    }
    if (!jwksUrl.startsWith('https://')) {
      throw new ConfigError('ONEROOF_JWKS_URL must be an https:// URL in production.');
    }
  }
  if (jwksUrl) {
    if (!issuer) throw new ConfigError('ONEROOF_JWKS_URL is set: ONEROOF_ISSUER must be set too.');
    return { mode: 'jwks', jwksUrl, issuer, audience, lifetime };
  }
  return { mode: 'development', issuer: DEV_ISSUER, audience, dataDir, lifetime };
}
