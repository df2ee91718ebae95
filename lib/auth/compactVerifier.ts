import { createHmac, KeyObject, timingSafeEqual, verify } from 'node:crypto';
import type { FlattenedJWSInput, JWTHeaderParameters, JWTVerifyGetKey } from 'jose';

/** The algorithms OneRoof signs its own tokens with (`createCompactSigner`). */
export type OwnAlgorithm = 'EdDSA' | 'ES256';
/** The one MAC algorithm OneRoof accepts, and only with a secret two parties hold alone (`verifyOwnMac`). */
export const MAC_ALGORITHM = 'HS256';

export interface CompactCheck {
  /** Accepted `alg` values; anything else is refused before a key is looked up. */
  algorithms: readonly OwnAlgorithm[];
  /** Required `typ` header, compared exactly. */
  typ?: string;
  issuer: string;
  audience: string;
  /** Claims that must be present. */
  required: readonly string[];
  /** Oldest accepted `iat`, in seconds before `nowSeconds`; an `iat` more than 5 s ahead is refused too. */
  maxAgeSeconds?: number;
  nowSeconds: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Clocks of the signer and the verifier may differ this much. */
const MAX_FUTURE_SECONDS = 5;

function decodeObject(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Decoded protected headers by their encoded form. A deployment's tokens carry a handful of
 * distinct headers (the MACed ones none that varies), and every request brings two tokens: each
 * header is decoded once. Bounded, so headers made up by a caller never grow it; frozen, as shared.
 */
const headers = new Map<string, Readonly<Record<string, unknown>> | null>();
const MAX_HEADERS = 128;

function decodeHeader(part: string): Readonly<Record<string, unknown>> | null {
  const known = headers.get(part);
  if (known !== undefined) return known;
  const header = decodeObject(part);
  if (headers.size < MAX_HEADERS) headers.set(part, header && Object.freeze(header));
  return header;
}

function keyFits(key: unknown, alg: OwnAlgorithm): key is KeyObject {
  if (!(key instanceof KeyObject) || key.type !== 'public') return false;
  return alg === 'EdDSA' ? key.asymmetricKeyType === 'ed25519' : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

function claimsHold(payload: Record<string, unknown>, check: Omit<CompactCheck, 'algorithms'>): boolean {
  if (!check.required.every((claim) => payload[claim] !== undefined)) return false;
  if (payload.iss !== check.issuer) return false;
  const aud = payload.aud;
  if (!(aud === check.audience || (Array.isArray(aud) && aud.includes(check.audience)))) return false;
  const now = check.nowSeconds;
  for (const claim of ['exp', 'nbf', 'iat']) {
    if (payload[claim] !== undefined && (typeof payload[claim] !== 'number' || !Number.isFinite(payload[claim]))) return false;
  }
  const { exp, nbf, iat } = payload as { exp?: number; nbf?: number; iat?: number };
  if (exp !== undefined && exp <= now) return false;
  if (nbf !== undefined && nbf > now) return false;
  if (iat !== undefined && iat - now > MAX_FUTURE_SECONDS) return false;
  if (check.maxAgeSeconds !== undefined && (iat === undefined || now - iat > check.maxAgeSeconds)) return false;
  return true;
}

interface CompactParts {
  header: Readonly<Record<string, unknown>>;
  /** `protected.payload`, the bytes the signature covers. */
  input: string;
  protectedHeader: string;
  payloadPart: string;
  signaturePart: string;
}

/** Splits a compact JWS and reads its header; `null` unless well formed, without `crit` or `b64`. */
function parseCompact(token: string, check: Pick<CompactCheck, 'typ'>): CompactParts | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return null;
  const [protectedHeader, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeHeader(protectedHeader);
  if (!header || header.crit !== undefined || header.b64 !== undefined) return null;
  if (check.typ !== undefined && header.typ !== check.typ) return null;
  return { header, input: `${protectedHeader}.${payloadPart}`, protectedHeader, payloadPart, signaturePart };
}

/** The `alg` a compact JWS's header names, to choose how to check it; `undefined` when unreadable. */
export function compactAlg(token: string): string | undefined {
  const dot = token.indexOf('.');
  const header = dot > 0 ? decodeHeader(token.slice(0, dot)) : null;
  return typeof header?.alg === 'string' ? header.alg : undefined;
}

function claimsOf(payloadPart: string, check: Omit<CompactCheck, 'algorithms'>): Record<string, unknown> | null {
  const payload = decodeObject(payloadPart);
  return payload && claimsHold(payload, check) ? payload : null;
}

/**
 * Verifies a compact JWS that OneRoof signed itself (the gateway's request signatures, the FJC's
 * consent assertions and audit-access tokens) and checks its registered claims. Resolves with the
 * payload, or `null` when anything is off; never throws.
 *
 * Keys are still found, fetched and cached by jose (`keys`: a local or remote JWKS); the signature
 * is checked with node:crypto's synchronous one-shot `verify`. jose verifies through the libuv
 * thread pool, which costs about as much CPU again as the signature (bench/primitives.ts), and
 * every agency checks two of these per request. Only the algorithms we sign with are accepted,
 * each with its own key type; a `crit` or `b64` header is refused. Bearer tokens from the identity
 * provider stay with jose's `jwtVerify` (lib/auth/tokens.ts).
 */
export async function verifyOwnToken(token: string, keys: JWTVerifyGetKey, check: CompactCheck): Promise<Record<string, unknown> | null> {
  const parts = parseCompact(token, check);
  if (!parts) return null;
  const { header, input, protectedHeader, payloadPart, signaturePart } = parts;
  const alg = header.alg as OwnAlgorithm;
  if (!check.algorithms.includes(alg)) return null;
  let key: unknown;
  try {
    const jws: FlattenedJWSInput = { protected: protectedHeader, payload: payloadPart, signature: signaturePart };
    key = await keys(header as unknown as JWTHeaderParameters, jws);
  } catch {
    return null; // no key with that kid, or the key set could not be fetched: fail closed
  }
  if (!keyFits(key, alg)) return null;
  const signature = Buffer.from(signaturePart, 'base64url');
  if (alg === 'ES256' && signature.length !== 64) return null;
  const data = Buffer.from(input);
  let valid: boolean;
  try {
    valid = alg === 'EdDSA' ? verify(null, data, key, signature) : verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return null;
  }
  return valid ? claimsOf(payloadPart, check) : null;
}

const MAC_BYTES = 32;

/**
 * Verifies a compact JWS that carries one `HS256` MAC for each of several verifiers (the FJC's
 * consent assertion, docs/agency-protocol.md AP-ASSERT-8): the header's `macs` lists their ids, the
 * signature part is their 32-byte MACs over `protected.payload`, concatenated in that order.
 * Checks the MAC of `verifier` with its pair key `secret` only, then the claims like
 * `verifyOwnToken`; synchronous. `null` when anything is off, or `verifier` has no MAC in it.
 */
export function verifyPairMac(token: string, verifier: string, secret: KeyObject, check: Omit<CompactCheck, 'algorithms'>): Record<string, unknown> | null {
  const parts = parseCompact(token, check);
  if (!parts || parts.header.alg !== MAC_ALGORITHM || secret.type !== 'secret') return null;
  const macs = parts.header.macs;
  if (!Array.isArray(macs) || !macs.every((id) => typeof id === 'string') || new Set(macs).size !== macs.length) return null;
  const index = macs.indexOf(verifier);
  const all = Buffer.from(parts.signaturePart, 'base64url');
  if (index < 0 || all.length !== macs.length * MAC_BYTES) return null;
  const given = all.subarray(index * MAC_BYTES, (index + 1) * MAC_BYTES);
  const expected = createHmac('sha256', secret).update(parts.input).digest();
  return timingSafeEqual(given, expected) ? claimsOf(parts.payloadPart, check) : null;
}

/**
 * Verifies a compact JWS whose `alg` is `HS256`, made with `secret`, a key only this verifier and
 * one signer hold (a pair key, lib/auth/pairKeys.ts), and checks its claims like
 * `verifyOwnToken`; synchronous: an HMAC costs microseconds. Any other `alg` is refused, so a
 * token can never be checked against a public key read as a secret.
 */
export function verifyOwnMac(token: string, secret: KeyObject, check: Omit<CompactCheck, 'algorithms'>): Record<string, unknown> | null {
  const parts = parseCompact(token, check);
  if (!parts || parts.header.alg !== MAC_ALGORITHM || secret.type !== 'secret') return null;
  const expected = createHmac('sha256', secret).update(parts.input).digest();
  const given = Buffer.from(parts.signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return claimsOf(parts.payloadPart, check);
}
