import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';
import type { AgencyId } from '../agencies';
import { ConfigError } from '../config';
import type { KeyObject } from 'node:crypto';
import { createCompactSigner, createMacSigner, type CompactSigner } from './compactSigner';
import { compactAlg, MAC_ALGORITHM, verifyOwnMac, verifyOwnToken, type CompactCheck, type OwnAlgorithm } from './compactVerifier';
import type { PairKeys } from './pairKeys';
import { ensureKeyPair, type KeyPairFile } from './keyFile';

/**
 * Gateway-to-subgraph trust. Besides the user's token, the gateway signs every subgraph request:
 * a JWS over method, body hash, request id, audience (the target agency) and time. A subgraph in
 * production accepts only fresh, unseen signatures, so a captured request can neither be replayed
 * nor redirected to another agency, and a caller that bypasses the gateway is refused.
 *
 * Operator key generation (the file shape is the one `ensureKeyPair` writes):
 * ```sh
 * npx tsx -e "require('./lib/auth/keyFile').ensureKeyPair('/secrets/gateway.json', 'EdDSA')"
 * node -p "JSON.stringify(require('/secrets/gateway.json').jwks)" > /secrets/gateway-jwks.json
 * ```
 * Give the gateway `ONEROOF_GATEWAY_KEY_FILE=/secrets/gateway.json` (private: mode 0600, gateway
 * only) and every subgraph `ONEROOF_GATEWAY_JWKS_FILE=/secrets/gateway-jwks.json` (public). To
 * rotate, add the new public key to the JWKS, roll the subgraphs, then switch the gateway's key.
 *
 * With a pair key for an agency (lib/auth/pairKeys.ts) the gateway MACs that agency's requests
 * (`HS256`) with the same claims instead of signing them: the agency checks them with its own key,
 * which nobody else holds, in microseconds. It still accepts signatures.
 */
export const GATEWAY_SIGNATURE_HEADER = 'x-oneroof-gateway-signature';
/** The milliseconds the gateway still waits for this answer: the subgraph stops work at that deadline. Signed (`bgt`). */
export const BUDGET_HEADER = 'x-oneroof-budget-ms';
/** The gateway's id of this one subgraph call, named again when it reports the answer undelivered. Signed (`fid`). */
export const FETCH_ID_HEADER = 'x-oneroof-fetch-id';
export const GATEWAY_ISSUER = 'urn:oneroof:gateway';
/** Asymmetric only: a shared secret would let every subgraph sign as the gateway. */
export const GATEWAY_ALGORITHMS: readonly OwnAlgorithm[] = ['EdDSA', 'ES256'];
const TYP = 'oneroof-gateway+jwt';
const MAX_FUTURE_SECONDS = 5;
const MAX_SIGNATURE_LENGTH = 4096;

export interface GatewayRequest {
  method: string;
  /** The exact body bytes sent on the wire (a string is hashed as UTF-8). */
  body: Buffer | string;
  requestId: string;
  /** `BUDGET_HEADER`'s value, when the request carries one. */
  budgetMs?: number;
  /** `FETCH_ID_HEADER`'s value, when the request carries one. */
  fetchId?: string;
}

export interface GatewaySigner {
  /** @param request.audience - the agency whose subgraph receives the request. */
  sign(request: GatewayRequest & { audience: AgencyId }): Promise<string>;
}

export interface GatewaySignatureVerifier {
  /** Resolves `false` (never rejects) unless the signature is valid, fresh, unseen and matches. */
  verify(request: GatewayRequest & { signature: string | undefined }): Promise<boolean>;
}

export interface GatewaySignatureVerifierOptions {
  /** The gateway's public keys. */
  keys: JSONWebKeySet;
  /** The agency this subgraph serves: the signature's required audience. */
  agency: AgencyId;
  /** Oldest accepted signature in seconds; default 30. Also how long a `jti` is remembered. */
  maxAgeSeconds?: number;
  /** Most `jti`s remembered at once; default 100,000. When full, new signatures are refused. */
  replayCacheSize?: number;
  /** Clock in milliseconds; default `Date.now` (tests move it). */
  now?: () => number;
  /** This agency's pair key with the gateway: `HS256` requests are checked with it. Default none: they are refused. */
  macKey?: KeyObject;
}

function bodyHash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Builds the gateway's signer. Keys are imported once, so each fetch costs one signature made on
 * the spot (`createCompactSigner`), or one HMAC for an agency with a pair key: it sits on every
 * request's critical path.
 * @param privateJwk - an EdDSA or ES256 private JWK with `kid` and `alg` (see `readGatewayPrivateKey`).
 * @param options.macKeys - pair keys by agency (`loadPairKeys('gateway', ...)`); those agencies get `HS256`.
 */
export async function createGatewaySigner(privateJwk: JWK, options: { now?: () => number; macKeys?: PairKeys } = {}): Promise<GatewaySigner> {
  const alg = checkedAlg(privateJwk, 'the gateway private key') as 'EdDSA' | 'ES256';
  const signJws = createCompactSigner(privateJwk, alg);
  const macs = new Map<AgencyId, CompactSigner>(Object.entries(options.macKeys ?? {}).map(([agency, key]) => [agency, createMacSigner(key!)]));
  const now = options.now ?? Date.now;
  return {
    sign: async ({ method, body, requestId, audience, budgetMs, fetchId }) => {
      const claims = {
        rid: requestId, mth: method.toUpperCase(), bsh: bodyHash(body), iss: GATEWAY_ISSUER, aud: audience, iat: Math.floor(now() / 1000), jti: randomUUID(),
        ...(budgetMs !== undefined ? { bgt: budgetMs } : {}), ...(fetchId !== undefined ? { fid: fetchId } : {}),
      };
      const mac = macs.get(audience);
      return mac ? mac({ typ: TYP }, claims) : signJws({ kid: privateJwk.kid, typ: TYP }, claims);
    },
  };
}

/** Builds a subgraph's verifier, with its own replay cache (one per process). */
export function createGatewaySignatureVerifier(options: GatewaySignatureVerifierOptions): GatewaySignatureVerifier {
  const keys = createLocalJWKSet(options.keys);
  const maxAge = options.maxAgeSeconds ?? 30;
  const now = options.now ?? Date.now;
  const seen = createReplayCache(options.replayCacheSize ?? 100_000);
  const { macKey } = options;
  return {
    async verify({ signature, method, body, requestId, budgetMs, fetchId }) {
      if (!signature || signature.length > MAX_SIGNATURE_LENGTH || !requestId) return false;
      try {
        const nowMs = now();
        const check: CompactCheck = {
          issuer: GATEWAY_ISSUER,
          audience: options.agency,
          algorithms: GATEWAY_ALGORITHMS,
          typ: TYP,
          nowSeconds: nowMs / 1000,
          required: ['iat', 'jti'],
        };
        // A MAC is checked with this agency's pair key only, a signature with the gateway's public keys only.
        const payload = compactAlg(signature) === MAC_ALGORITHM ? (macKey ? verifyOwnMac(signature, macKey, check) : null) : await verifyOwnToken(signature, keys, check);
        if (!payload) return false;
        const { iat, jti } = payload as { iat: number; jti: unknown };
        if (typeof jti !== 'string') return false;
        const nowSeconds = nowMs / 1000;
        const matches =
          nowSeconds - iat <= maxAge &&
          iat - nowSeconds <= MAX_FUTURE_SECONDS &&
          payload.mth === method.toUpperCase() &&
          payload.rid === requestId &&
          payload.bsh === bodyHash(body) &&
          // The deadline and call id travel in headers beside the signature: each must be the one signed.
          payload.bgt === budgetMs &&
          payload.fid === fetchId;
        // Remembered only once everything else holds, so forgeries cannot fill the cache.
        return matches && seen.add(jti, (iat + maxAge) * 1000, nowMs);
      } catch {
        return false;
      }
    },
  };
}

/**
 * `jti`s of accepted signatures until they could no longer pass the age check. Bounded: when full
 * of unexpired entries it refuses (fail closed) rather than forget one, which would reopen a replay.
 */
function createReplayCache(limit: number) {
  const expiries = new Map<string, number>();
  const sweep = (nowMs: number, all: boolean) => {
    // Insertion order is nearly expiry order, so the cheap sweep stops at the first live entry.
    for (const [jti, expiresAt] of expiries) {
      if (expiresAt < nowMs) expiries.delete(jti);
      else if (!all) break;
    }
  };
  return {
    add(jti: string, expiresAt: number, nowMs: number): boolean {
      sweep(nowMs, false);
      if (expiries.has(jti)) return false;
      if (expiries.size >= limit) sweep(nowMs, true);
      if (expiries.size >= limit) return false;
      expiries.set(jti, expiresAt);
      return true;
    },
  };
}

function checkedAlg(jwk: JWK, what: string): string {
  if (jwk.kty === 'oct') {
    throw new ConfigError(`${what} is a symmetric (kty "oct") key: use an asymmetric EdDSA or ES256 key pair.`);
  }
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) {
    throw new ConfigError(`${what} has no "kid": give every gateway key a key id so subgraphs can select it.`);
  }
  const alg = jwk.alg ?? (jwk.kty === 'OKP' ? 'EdDSA' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined);
  if (!alg || !(GATEWAY_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new ConfigError(`${what} ("${jwk.kid}") must be an EdDSA (OKP Ed25519) or ES256 (EC P-256) key, got alg "${jwk.alg ?? jwk.kty}".`);
  }
  return alg;
}

function readJson(file: string, variable: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(`${variable} (${file}) could not be read as JSON: ${(error as Error).message}`);
  }
}

/** Reads the gateway's private key from a `{ privateJwk, jwks }` file. @throws ConfigError saying what to fix. */
export function readGatewayPrivateKey(file: string): JWK {
  const content = readJson(file, 'ONEROOF_GATEWAY_KEY_FILE') as { privateJwk?: JWK } | null;
  const jwk = content?.privateJwk;
  if (!jwk || typeof jwk !== 'object') throw new ConfigError(`ONEROOF_GATEWAY_KEY_FILE (${file}) has no "privateJwk".`);
  checkedAlg(jwk, `The gateway private key in ${file}`);
  if (typeof jwk.d !== 'string') throw new ConfigError(`The gateway key in ${file} is a public key: "privateJwk" needs its private part ("d").`);
  return jwk;
}

/** Reads the gateway's public keys from a JWKS file. @throws ConfigError saying what to fix. */
export function readGatewayJwks(file: string): JSONWebKeySet {
  const content = readJson(file, 'ONEROOF_GATEWAY_JWKS_FILE') as { keys?: unknown } | null;
  const keys = content?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError(`ONEROOF_GATEWAY_JWKS_FILE (${file}) must be a JWKS: { "keys": [ ... ] } with at least one key.`);
  for (const jwk of keys as unknown[]) {
    if (typeof jwk !== 'object' || jwk === null) throw new ConfigError(`ONEROOF_GATEWAY_JWKS_FILE (${file}) holds an entry that is not a JWK object.`);
    checkedAlg(jwk as JWK, `A gateway public key in ${file}`);
    if ('d' in jwk) throw new ConfigError(`The gateway JWKS ${file} holds a private key ("${(jwk as JWK).kid}"): publish only the public part.`);
  }
  return { keys: keys as JWK[] };
}

/**
 * Development keys at `<dataDir>/dev-issuer/gateway.json`, beside the development issuer's: generated
 * on first use and shared by all local processes (in containers, through the one dev-keys volume).
 */
export function ensureDevGatewayKeys(dataDir: string): Promise<KeyPairFile> {
  return ensureKeyPair(path.join(dataDir, 'dev-issuer', 'gateway.json'), 'EdDSA');
}

export interface GatewayKeyOptions {
  production: boolean;
  dataDir: string;
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The gateway's signing key: from `ONEROOF_GATEWAY_KEY_FILE`, required in production. */
export async function loadGatewaySigningKey({ production, dataDir, env = process.env }: GatewayKeyOptions): Promise<JWK> {
  const file = env.ONEROOF_GATEWAY_KEY_FILE;
  if (file) return readGatewayPrivateKey(file);
  if (production) throw new ConfigError('NODE_ENV=production needs ONEROOF_GATEWAY_KEY_FILE: the gateway signs every subgraph request.');
  return (await ensureDevGatewayKeys(dataDir)).privateJwk;
}

/** A subgraph's view of the gateway's public keys: from `ONEROOF_GATEWAY_JWKS_FILE`, required in production. */
export async function loadGatewayVerificationKeys({ production, dataDir, env = process.env }: GatewayKeyOptions): Promise<JSONWebKeySet> {
  const file = env.ONEROOF_GATEWAY_JWKS_FILE;
  if (file) return readGatewayJwks(file);
  if (production) throw new ConfigError('NODE_ENV=production needs ONEROOF_GATEWAY_JWKS_FILE: subgraphs accept only requests the gateway signed.');
  return (await ensureDevGatewayKeys(dataDir)).jwks;
}
