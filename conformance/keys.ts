import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { PARTNERS, PROTOCOL_VERSION, TOKEN_DEFAULTS } from './protocol';

/**
 * The conformance setup: the suite plays the identity provider, the gateway and the FJC, so it
 * holds their signing keys, and the subgraph under test trusts their public halves. `--init <dir>`
 * writes them once; every run reads them back and serves the public keys over HTTP.
 */
export interface KeyPair {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

export interface ConformanceSetup {
  /** Where the files live. */
  dir: string;
  /** `iss` of the suite's user tokens (ONEROOF_ISSUER of the subgraph under test). */
  issuer: string;
  /** `aud` of the suite's user tokens (ONEROOF_AUDIENCE). */
  audience: string;
  /** Port the suite serves the JWKS documents on while it runs; 0: any free port (tests). */
  jwksPort: number;
  /** Host the subgraph reaches the JWKS documents at; default 127.0.0.1. */
  jwksHost: string;
  /** The identity provider's key (ES256), the gateway's (EdDSA), the FJC's assertion key (EdDSA). */
  idp: KeyPair;
  gateway: KeyPair;
  fjc: KeyPair;
  /**
   * Pair keys (base64url) between an FJC under test and each partner of `PARTNERS`, with which the
   * FJC may MAC its assertions instead of signing them (AP-ASSERT-8); the suite checks either form.
   * Empty for a setup written before protocol 1.1.
   */
  assertionMacKeys: Record<string, string>;
}

export const SETUP_FILE = 'conformance.json';
const KEY_FILES = { idp: 'idp-key.json', gateway: 'gateway-key.json', fjc: 'fjc-key.json' } as const;
/** The gateway's public keys as a file, for subgraphs that read them from disk (ONEROOF_GATEWAY_JWKS_FILE). */
export const GATEWAY_JWKS_FILE = 'gateway-jwks.json';
/** The pair keys an FJC under test MACs its assertions with (ONEROOF_ASSERTION_MAC_KEYS_FILE): `{ "keys": { "<partner>": "<secret>" } }`. */
export const ASSERTION_MAC_FILE = 'assertion-mac.json';
const DEFAULT_ISSUER = 'urn:oneroof:conformance-idp';

async function keyPair(alg: 'ES256' | 'EdDSA'): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `conformance-${randomUUID()}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { privateJwk, jwks: { keys: [publicJwk] } };
}

export interface InitOptions {
  issuer?: string;
  audience?: string;
  jwksPort?: number;
  jwksHost?: string;
}

/**
 * Writes a new conformance setup into `dir` (created when absent; files private to the user) and
 * returns it. Refuses to overwrite an existing one: the subgraph under test may already trust it.
 */
export async function initSetup(dir: string, options: InitOptions = {}): Promise<ConformanceSetup> {
  const file = path.join(dir, SETUP_FILE);
  if (fs.existsSync(file)) throw new SetupError(`${file} exists already: use that setup, or remove the directory first.`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const setup: ConformanceSetup = {
    dir: path.resolve(dir),
    issuer: options.issuer ?? DEFAULT_ISSUER,
    audience: options.audience ?? TOKEN_DEFAULTS.audience,
    jwksPort: options.jwksPort ?? 4701,
    jwksHost: options.jwksHost ?? '127.0.0.1',
    idp: await keyPair('ES256'),
    gateway: await keyPair('EdDSA'),
    fjc: await keyPair('EdDSA'),
    assertionMacKeys: Object.fromEntries(PARTNERS.map((agency) => [agency, randomBytes(32).toString('base64url')])),
  };
  const write = (name: string, value: unknown) => fs.writeFileSync(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  for (const [role, name] of Object.entries(KEY_FILES)) write(name, setup[role as keyof typeof KEY_FILES]);
  write(GATEWAY_JWKS_FILE, setup.gateway.jwks);
  write(ASSERTION_MAC_FILE, { keys: setup.assertionMacKeys });
  write(SETUP_FILE, { protocol: PROTOCOL_VERSION, issuer: setup.issuer, audience: setup.audience, jwksPort: setup.jwksPort, jwksHost: setup.jwksHost });
  return setup;
}

/** A setup that cannot be used; the CLI prints the message and exits 2. */
export class SetupError extends Error {}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new SetupError(`${file} could not be read: ${(error as Error).message}. Run npm run conformance -- --init <dir> first.`);
  }
}

/** Reads a setup written by `initSetup`. */
export function readSetup(dir: string): ConformanceSetup {
  const config = readJson(path.join(dir, SETUP_FILE));
  const pair = (name: string): KeyPair => {
    const value = readJson(path.join(dir, name));
    if (typeof value.privateJwk !== 'object' || typeof value.jwks !== 'object') throw new SetupError(`${name} is not a key pair file.`);
    return value as unknown as KeyPair;
  };
  return {
    dir: path.resolve(dir),
    issuer: String(config.issuer),
    audience: String(config.audience),
    jwksPort: Number(config.jwksPort),
    jwksHost: String(config.jwksHost ?? '127.0.0.1'),
    idp: pair(KEY_FILES.idp),
    gateway: pair(KEY_FILES.gateway),
    fjc: pair(KEY_FILES.fjc),
    assertionMacKeys: fs.existsSync(path.join(dir, ASSERTION_MAC_FILE)) ? (readJson(path.join(dir, ASSERTION_MAC_FILE)).keys as Record<string, string>) : {},
  };
}

/** Where the subgraph under test fetches each key set, once the key server listens on `port`. */
export function jwksUrls(setup: Pick<ConformanceSetup, 'jwksHost'>, port: number) {
  const base = `http://${setup.jwksHost}:${port}`;
  return { idp: `${base}/idp/jwks.json`, fjc: `${base}/fjc/jwks.json`, gateway: `${base}/gateway/jwks.json` };
}

/** The environment OneRoof's own subgraph (`subgraphs/<agency>/index.ts`) is started with to trust the suite. */
export function subgraphEnvironment(setup: ConformanceSetup, port = setup.jwksPort): Record<string, string> {
  const urls = jwksUrls(setup, port);
  return {
    ONEROOF_JWKS_URL: urls.idp,
    ONEROOF_ISSUER: setup.issuer,
    ONEROOF_AUDIENCE: setup.audience,
    ONEROOF_ASSERTION_JWKS_URL: urls.fjc,
    ONEROOF_GATEWAY_JWKS_FILE: path.join(setup.dir, GATEWAY_JWKS_FILE),
    ONEROOF_REQUIRE_GATEWAY_SIGNATURE: 'true',
    ...(Object.keys(setup.assertionMacKeys).length > 0 ? { ONEROOF_ASSERTION_MAC_KEYS_FILE: path.join(setup.dir, ASSERTION_MAC_FILE) } : {}),
  };
}
