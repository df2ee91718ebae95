import fs from 'node:fs';
import path from 'node:path';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { AGENCIES, PARTNER_AGENCIES, isAgencyId, type AgencyId } from '../agencies';
import { ConfigError } from '../config';
import { writeOnce } from './keyFile';

/**
 * Pair keys: a secret that exactly two parties hold, with which one MACs (`HS256`) what it would
 * otherwise sign for the other (docs/agency-protocol.md, sections 5 and 7). An HMAC costs a few
 * microseconds where an Ed25519 check costs about a hundred, and a unified view carries a gateway
 * request to every agency and a consent assertion to every partner; a caseload of 200 clients,
 * 200 assertions to each partner.
 *
 * Why a MAC loses nothing here: each key is pairwise, so whoever holds an agency's key can only make
 * what that one agency accepts. The agency itself could, but its data is its own already; no
 * other agency, router or caller holds a key it accepts. Two kinds:
 * - `gateway`: the gateway and each agency; the gateway MACs its requests (AP-SIG-7);
 * - `assertion`: the FJC and each partner agency; the FJC MACs its consent assertions (AP-ASSERT-8).
 *
 * Files (never committed; mode 0600): the holder of all pairs of a kind (the gateway, the FJC) reads
 * `{ "keys": { "<agency>": "<base64url secret>", ... } }`, each agency `{ "agency": "<its id>",
 * "key": "<secret>" }`, its own entry only. Secrets have at least 32 bytes, each pair its own.
 * Without them the parties sign as before.
 */
export const MIN_SECRET_BYTES = 32;

export type PairKind = 'gateway' | 'assertion';

/** Pair keys of one holder, by the agency at the other end. */
export type PairKeys = Partial<Record<AgencyId, KeyObject>>;

const KINDS: Record<PairKind, { all: string; own: string; dev: string; agencies: () => readonly AgencyId[] }> = {
  gateway: { all: 'ONEROOF_GATEWAY_MAC_KEYS_FILE', own: 'ONEROOF_GATEWAY_MAC_KEY_FILE', dev: 'gateway-mac.json', agencies: () => AGENCIES },
  assertion: { all: 'ONEROOF_ASSERTION_MAC_KEYS_FILE', own: 'ONEROOF_ASSERTION_MAC_KEY_FILE', dev: 'assertion-mac.json', agencies: () => PARTNER_AGENCIES },
};

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

/** Reads the pair keys of the holder of a kind (the gateway, the FJC). @throws ConfigError naming the entry to fix. */
export function readPairKeys(file: string, kind: PairKind): PairKeys {
  const variable = KINDS[kind].all;
  const keys = readJson(file, variable).keys;
  if (typeof keys !== 'object' || keys === null) throw new ConfigError(`${variable} (${file}) must be { "keys": { "<agency>": "<secret>" } }.`);
  const result: PairKeys = {};
  const seen = new Set<string>();
  for (const [agency, secret] of Object.entries(keys)) {
    if (!isAgencyId(agency)) throw new ConfigError(`${variable} (${file}) names "${agency}", which is no agency of the registry.`);
    if (seen.has(String(secret))) throw new ConfigError(`${variable} (${file}) gives two agencies the same secret: each pair needs its own.`);
    seen.add(String(secret));
    result[agency] = secretOf(secret, `The key of "${agency}" in ${file}`);
  }
  return result;
}

/** Reads one agency's own pair key of a kind; refuses another agency's. @throws ConfigError saying what to fix. */
export function readOwnPairKey(file: string, kind: PairKind, agency: AgencyId): KeyObject {
  const variable = KINDS[kind].own;
  const content = readJson(file, variable);
  if (content.agency !== agency) throw new ConfigError(`${variable} (${file}) is the key of "${String(content.agency)}", not of ${agency}.`);
  return secretOf(content.key, `"key" in ${file}`);
}

/**
 * Development pair keys of a kind at `<dataDir>/dev-issuer/<kind>-mac.json`, one per agency,
 * generated on first use by whichever process comes first and shared by all local processes, as
 * the development signing keys are. Never used in production.
 */
export function ensureDevPairKeys(dataDir: string, kind: PairKind): PairKeys {
  const file = path.join(dataDir, 'dev-issuer', KINDS[kind].dev);
  if (!fs.existsSync(file)) {
    writeOnce(file, { keys: Object.fromEntries(KINDS[kind].agencies().map((agency) => [agency, randomBytes(MIN_SECRET_BYTES).toString('base64url')])) });
  }
  return readPairKeys(file, kind);
}

export interface PairKeyOptions {
  production: boolean;
  dataDir: string;
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The holder's pair keys of a kind: from its file, the development ones, or none in production. */
export function loadPairKeys(kind: PairKind, { production, dataDir, env = process.env }: PairKeyOptions): PairKeys {
  const file = env[KINDS[kind].all];
  if (file) return readPairKeys(file, kind);
  return production ? {} : ensureDevPairKeys(dataDir, kind);
}

/** An agency's own pair key of a kind: from its file, its development one, or none in production. */
export function loadOwnPairKey(kind: PairKind, agency: AgencyId, { production, dataDir, env = process.env }: PairKeyOptions): KeyObject | undefined {
  const file = env[KINDS[kind].own];
  if (file) return readOwnPairKey(file, kind, agency);
  return production ? undefined : ensureDevPairKeys(dataDir, kind)[agency];
}
