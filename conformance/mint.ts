import { createHash, randomUUID } from 'node:crypto';
import { CompactSign, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import type { ConformanceSetup } from './keys';
import { ASSERTION, AUDIT_ACCESS, SIGNATURE, type Bases, type Purpose, type Viewer } from './protocol';

type Claims = Record<string, unknown>;
type Header = Record<string, unknown>;

/** How a minted JWS departs from a valid one: what the refusal probes are made of. */
export interface Tamper {
  /** Claims to set (a value of `undefined` removes the claim). */
  claims?: Claims;
  /** Protected-header parameters to set (`undefined` removes one). */
  header?: Header;
  /** Sign with another key of the same kind (a forgery), keeping the real key's `kid` unless `header` says otherwise. */
  foreignKey?: boolean;
  /** `none`: no signature at all; `HS256`: a symmetric signature with a guessable secret. */
  alg?: 'none' | 'HS256';
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function merge(base: Record<string, unknown>, changes: Record<string, unknown> | undefined): Record<string, unknown> {
  const result = { ...base, ...changes };
  for (const [key, value] of Object.entries(result)) if (value === undefined) delete result[key];
  return result;
}

/** Whom and what a token of the FJC is for: one viewer, purpose and client. */
interface FjcRequest {
  viewer: Viewer;
  purpose: Purpose;
  clientId: string;
}

/** The claims every token the FJC signs for the agencies carries (consent assertions, audit access). */
function fjcClaims({ viewer, purpose, clientId }: FjcRequest, audience: string): Claims {
  const iat = nowSeconds();
  return { agency: viewer.agency, pur: purpose, cid: clientId, iss: ASSERTION.issuer, aud: audience, sub: viewer.sub, iat, exp: iat + ASSERTION.maxAgeSeconds, jti: randomUUID() };
}

/** Signs tokens, request signatures, assertions and audit access tokens as the suite's IdP, gateway and FJC. */
export class Minter {
  private readonly keys = new Map<string, Promise<KeyLike | Uint8Array>>();
  private readonly foreign = new Map<string, Promise<KeyLike>>();

  constructor(private readonly setup: ConformanceSetup) {}

  private key(jwk: JWK): Promise<KeyLike | Uint8Array> {
    const kid = String(jwk.kid);
    if (!this.keys.has(kid)) this.keys.set(kid, importJWK(jwk, String(jwk.alg)));
    return this.keys.get(kid)!;
  }

  private foreignKey(alg: string): Promise<KeyLike> {
    if (!this.foreign.has(alg)) this.foreign.set(alg, generateKeyPair(alg).then((pair) => pair.privateKey));
    return this.foreign.get(alg)!;
  }

  private async sign(jwk: JWK, header: Header, claims: Claims, tamper: Tamper = {}): Promise<string> {
    const alg = String(jwk.alg);
    const protectedHeader = merge({ alg, kid: jwk.kid, ...header }, tamper.header);
    const payload = merge(claims, tamper.claims);
    if (tamper.alg === 'none') return `${b64({ ...protectedHeader, alg: 'none' })}.${b64(payload)}.`;
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    if (tamper.alg === 'HS256') {
      return new CompactSign(bytes).setProtectedHeader({ ...protectedHeader, alg: 'HS256' }).sign(new TextEncoder().encode('a shared secret anyone could guess'));
    }
    const key = tamper.foreignKey ? await this.foreignKey(alg) : await this.key(jwk);
    return new CompactSign(bytes).setProtectedHeader(protectedHeader as { alg: string }).sign(key);
  }

  /** A bearer token of the suite's identity provider: valid for an hour unless tampered with. */
  userToken(viewer: Viewer, tamper?: Tamper): Promise<string> {
    const iat = nowSeconds();
    const claims = { sub: viewer.sub, name: viewer.name, agency: viewer.agency, roles: viewer.roles, iss: this.setup.issuer, aud: this.setup.audience, iat, exp: iat + 3600 };
    return this.sign(this.setup.idp.privateJwk, { typ: 'JWT' }, claims, tamper);
  }

  /** The gateway's signature over one request to `audience` (docs/agency-protocol.md, AP-SIG). */
  signature(request: { method: string; body: string; requestId: string; audience: string }, tamper?: Tamper): Promise<string> {
    const claims = {
      rid: request.requestId,
      mth: request.method.toUpperCase(),
      bsh: createHash('sha256').update(request.body, 'utf8').digest('base64url'),
      iss: SIGNATURE.issuer,
      aud: request.audience,
      iat: nowSeconds(),
      jti: randomUUID(),
    };
    return this.sign(this.setup.gateway.privateJwk, { typ: SIGNATURE.typ }, claims, tamper);
  }

  /** The FJC's consent assertion for one viewer, purpose, conference and client. */
  assertion(request: FjcRequest & { conference?: string; bases: Bases }, tamper?: Tamper): Promise<string> {
    const claims = { ...fjcClaims(request, ASSERTION.audience), ...(request.conference ? { conf: request.conference } : {}), bases: request.bases };
    return this.sign(this.setup.fjc.privateJwk, { typ: ASSERTION.typ }, claims, tamper);
  }

  /** The FJC's audit access token: the client's case manager may read the subject view of the client's records. */
  auditAccess(request: FjcRequest, tamper?: Tamper): Promise<string> {
    const claims = { ...fjcClaims(request, AUDIT_ACCESS.audience), scope: AUDIT_ACCESS.scope, staffIdentity: false };
    return this.sign(this.setup.fjc.privateJwk, { typ: AUDIT_ACCESS.typ }, claims, tamper);
  }
}
