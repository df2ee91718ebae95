import path from 'node:path';
import { AGENCIES, type AgencyId, agencyPortOffset } from './agencies';
import { DEV_ISSUER } from './auth/devIssuer';

/** How tokens are verified: the local development issuer, or an identity provider's JWKS. */
export type AuthConfig =
  | { mode: 'development'; issuer: string; audience: string; dataDir: string }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string };

export interface OneRoofConfig {
  production: boolean;
  /** Where the embedded stores and development keys live; default `./data`. */
  dataDir: string;
  /** Gateway port; default 4000 (`PORT`). */
  gatewayPort: number;
  /** fjc listens here, the partner agencies on the following ports; default 4001. */
  subgraphBasePort: number;
  /** Where the gateway finds each subgraph; default `http://localhost:<port>/graphql`. */
  subgraphUrls: Record<AgencyId, string>;
  /** Where partner agencies fetch the FJC's consent-assertion keys; default beside the FJC's `/graphql`. */
  assertionJwksUrl: string;
  /** Days each agency keeps disclosure records; default 3650 (ten years). */
  auditRetentionDays: Record<AgencyId, number>;
  auth: AuthConfig;
}

export class ConfigError extends Error {}

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

/** The env variable that overrides one subgraph's URL, e.g. `ONEROOF_SUBGRAPH_URL_YOUTH_CARE`. */
export function subgraphUrlVariable(agency: AgencyId): string {
  return `ONEROOF_SUBGRAPH_URL_${agency.toUpperCase().replace(/-/g, '_')}`;
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
  const subgraphUrls = Object.fromEntries(
    AGENCIES.map((agency) => [
      agency,
      env[subgraphUrlVariable(agency)] ||
        `http://localhost:${subgraphBasePort + agencyPortOffset(agency)}/graphql`,
    ]),
  ) as Record<AgencyId, string>;
  const audience = env.ONEROOF_AUDIENCE || 'oneroof';
  return {
    production,
    dataDir,
    gatewayPort: port(env, 'PORT', 4000),
    subgraphBasePort,
    subgraphUrls,
    auditRetentionDays: Object.fromEntries(
      AGENCIES.map((agency) => [agency, days(env, `ONEROOF_AUDIT_RETENTION_DAYS_${agency.toUpperCase().replace(/-/g, '_')}`, days(env, 'ONEROOF_AUDIT_RETENTION_DAYS', 3650))]),
    ) as Record<AgencyId, number>,
    assertionJwksUrl: env.ONEROOF_ASSERTION_JWKS_URL || subgraphUrls.fjc.replace(/graphql\/?$/, '.well-known/jwks.json'),
    auth: authConfig(env, production, audience, dataDir),
  };
}

function authConfig(
  env: NodeJS.ProcessEnv,
  production: boolean,
  audience: string,
  dataDir: string,
): AuthConfig {
  const jwksUrl = env.ONEROOF_JWKS_URL;
  const issuer = env.ONEROOF_ISSUER;
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
    return { mode: 'jwks', jwksUrl, issuer, audience };
  }
  return { mode: 'development', issuer: DEV_ISSUER, audience, dataDir };
}
