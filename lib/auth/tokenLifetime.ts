/**
 * How long a bearer token may live, and how far ahead of this process's clock its `iat` may lie.
 * The same limits in the gateway and in every subgraph (they share `createTokenVerifier`), so a
 * token refused by one is refused by all.
 */
export interface TokenLifetime {
  /** Longest accepted `exp - iat`, in seconds: `ONEROOF_TOKEN_MAX_LIFETIME_SECONDS`, default 14400 (4 hours). */
  maxSeconds: number;
  /** How far `iat` may lie in the future (clocks differ), in seconds: `ONEROOF_TOKEN_CLOCK_SKEW_SECONDS`, default 60. */
  clockSkewSeconds: number;
}

export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = { maxSeconds: 4 * 3600, clockSkewSeconds: 60 };

/**
 * Why a verified token's times are not acceptable, or `null` when they are: `iat` must be a
 * number no more than the clock skew ahead of now, and the token may not live longer than
 * `maxSeconds` from it. `exp` itself (present, in the future) is checked by the JWT library.
 * With `iat <= now + skew` and `exp - iat <= max`, no accepted token lasts beyond now + skew + max,
 * whatever it claims (`exp: 1e300` included).
 */
export function lifetimeProblem(payload: { iat?: unknown; exp?: unknown }, nowSeconds: number, limits: TokenLifetime): string | null {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'no iat';
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'no exp';
  if (iat - nowSeconds > limits.clockSkewSeconds) return 'iat in the future';
  if (exp - iat > limits.maxSeconds) return 'lifetime too long';
  return null;
}
