import { createHmac, createPrivateKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** Signs a JWS in compact serialization: `protected header` and `payload` in, `h.p.s` out. */
export type CompactSigner = (header: Record<string, unknown>, payload: Record<string, unknown>) => string;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS signer (RFC 7515) on node:crypto's synchronous one-shot `sign`, for the tokens
 * OneRoof signs on every request (the gateway's request signatures, the FJC's consent
 * assertions): jose signs through the libuv thread pool, which costs about three times the
 * signature itself. The header's `alg` is always the key's; verification stays with jose.
 * @param privateJwk - an Ed25519 private JWK (alg EdDSA) or a P-256 one (alg ES256).
 */
export function createCompactSigner(privateJwk: JWK, alg: 'EdDSA' | 'ES256'): CompactSigner {
  const expected = alg === 'EdDSA' ? { kty: 'OKP', crv: 'Ed25519' } : { kty: 'EC', crv: 'P-256' };
  if (privateJwk.kty !== expected.kty || privateJwk.crv !== expected.crv || typeof privateJwk.d !== 'string') {
    throw new Error(`an ${alg} signer needs a private ${expected.kty} ${expected.crv} key`);
  }
  const { kty, crv, x, y, d } = privateJwk;
  const key = createPrivateKey({ key: { kty, crv, x, y, d } as JsonWebKey, format: 'jwk' });
  return (header, payload) => {
    const input = `${encode({ ...header, alg })}.${encode(payload)}`;
    const signature =
      alg === 'EdDSA' ? sign(null, Buffer.from(input), key) : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  };
}

/**
 * A compact JWS with one `HS256` MAC per verifier (`verifyPairMac`): header `macs` lists the
 * verifiers in order, the signature part is their MACs concatenated. Each verifier checks its own
 * with the secret it shares with the signer alone.
 * @param secrets - the pair key of each verifier, by its id.
 */
export function createPairMacSigner(secrets: ReadonlyMap<string, KeyObject>): CompactSigner {
  const macs = [...secrets.keys()];
  const keys = [...secrets.values()];
  return (header, payload) => {
    const input = `${encode({ ...header, alg: 'HS256', macs })}.${encode(payload)}`;
    return `${input}.${Buffer.concat(keys.map((key) => createHmac('sha256', key).update(input).digest())).toString('base64url')}`;
  };
}

/**
 * A compact JWS signer with `HS256` over a secret that only the signer and one verifier hold (a
 * pair key, lib/auth/pairKeys.ts): a MAC costs microseconds where a signature costs tens.
 */
export function createMacSigner(secret: KeyObject): CompactSigner {
  return (header, payload) => {
    const input = `${encode({ ...header, alg: 'HS256' })}.${encode(payload)}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
}
