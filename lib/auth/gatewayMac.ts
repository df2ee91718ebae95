import fs from 'node:fs';
import path from 'node:path';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { AGENCIES, isAgencyId, type AgencyId } from '../agencies';
import { ConfigError } from '../config';
import { writeOnce } from './keyFile';

/**
 * Pair keys between the gateway and each agency: a secret only the gateway and that one agency
 * hold, with which the gateway MACs (`HS256`) every request it sends that agency instead of
 * signing it (docs/agency-protocol.md, section 5). An HMAC costs microseconds where an Ed25519
 * check costs a hundred, and each unified view sends seven requests.
 *
 * Why a MAC loses nothing here: the key is pairwise, so whoever holds an agency's key can only
 * make requests that agency accepts. The agency itself could, but its data is its own already;
 * another agency, a router or a caller holds no key that agency accepts. The claims, age window,
 * single use and body hash are checked exactly as for a signature.
 *
 * Files (never committed; mode 0600):
 * - gateway, `ONEROOF_GATEWAY_MAC_KEYS_FILE`: `{ "keys": { "<agency>": "<base64url secret>", ... } }`;
 * - each agency, `ONEROOF_GATEWAY_MAC_KEY_FILE`: `{ "agency": "<agency>", "key": "<base64url secret>" }`,
 *   its own entry of the gateway's file only.
 * Secrets have at least 32 bytes. Without them the gateway signs (EdDSA/ES256) as before.
 */
export const MIN_SECRET_BYTES = 32;

/** The gateway's pair keys by agency. */
export type GatewayMacKeys = Partial<Record<AgencyId, KeyObject>>;

function secretOf(value: unknown, where: string): KeyObject {
  const bytes = typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
  if (bytes.length < MIN_SECRET_BYTES) throw new ConfigError(`${where} must be a base64url secret of at least ${MIN_SECRET_BYTES} bytes.`);
  return createSecretKey(bytes);
}

function readJson(file: string, variable: string): Record<string, unknown> {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${variable} (${file}) could not be read as JSON: ${(error as Error).message}`);
  }
  if (typeof content !== 'object' || content === null) throw new ConfigError(`${variable} (${file}) must hold a JSON object.`);
  return content as Record<string, unknown>;
}

/** Reads the gateway's pair keys. @throws ConfigError naming the entry to fix. */
export function readGatewayMacKeys(file: string): GatewayMacKeys {
  const keys = readJson(file, 'ONEROOF_GATEWAY_MAC_KEYS_FILE').keys;
  if (typeof keys !== 'object' || keys === null) throw new ConfigError(`ONEROOF_GATEWAY_MAC_KEYS_FILE (${file}) must be { "keys": { "<agency>": "<secret>" } }.`);
  const result: GatewayMacKeys = {};
  const seen = new Set<string>();
  for (const [agency, secret] of Object.entries(keys)) {
    if (!isAgencyId(agency)) throw new ConfigError(`ONEROOF_GATEWAY_MAC_KEYS_FILE (${file}) names "${agency}", which is no agency of the registry.`);
    if (seen.has(String(secret))) throw new ConfigError(`ONEROOF_GATEWAY_MAC_KEYS_FILE (${file}) gives two agencies the same secret: each pair needs its own.`);
    seen.add(String(secret));
    result[agency] = secretOf(secret, `The key of "${agency}" in ${file}`);
  }
  return result;
}

/** Reads one agency's pair key; refuses another agency's. @throws ConfigError saying what to fix. */
export function readAgencyMacKey(file: string, agency: AgencyId): KeyObject {
  const content = readJson(file, 'ONEROOF_GATEWAY_MAC_KEY_FILE');
  if (content.agency !== agency) throw new ConfigError(`ONEROOF_GATEWAY_MAC_KEY_FILE (${file}) is the key of "${String(content.agency)}", not of ${agency}.`);
  return secretOf(content.key, `"key" in ${file}`);
}

/**
 * Development pair keys at `<dataDir>/dev-issuer/gateway-mac.json`, one per agency of the registry,
 * generated on first use by whichever process comes first (an atomic link) and shared by all local
 * processes, as the development signing keys are. Never used in production.
 */
export function ensureDevGatewayMacKeys(dataDir: string): GatewayMacKeys {
  const file = path.join(dataDir, 'dev-issuer', 'gateway-mac.json');
  if (!fs.existsSync(file)) {
    writeOnce(file, { keys: Object.fromEntries(AGENCIES.map((agency) => [agency, randomBytes(MIN_SECRET_BYTES).toString('base64url')])) });
  }
  return readGatewayMacKeys(file);
}

interface MacKeyOptions {
  production: boolean;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}

/** The gateway's pair keys: `ONEROOF_GATEWAY_MAC_KEYS_FILE`, development ones, or none in production. */
export function loadGatewayMacKeys({ production, dataDir, env = process.env }: MacKeyOptions): GatewayMacKeys {
  const file = env.ONEROOF_GATEWAY_MAC_KEYS_FILE;
  if (file) return readGatewayMacKeys(file);
  return production ? {} : ensureDevGatewayMacKeys(dataDir);
}

/** An agency's pair key: `ONEROOF_GATEWAY_MAC_KEY_FILE`, its development one, or none in production. */
export function loadAgencyMacKey(agency: AgencyId, { production, dataDir, env = process.env }: MacKeyOptions): KeyObject | undefined {
  const file = env.ONEROOF_GATEWAY_MAC_KEY_FILE;
  if (file) return readAgencyMacKey(file, agency);
  return production ? undefined : ensureDevGatewayMacKeys(dataDir)[agency];
}
