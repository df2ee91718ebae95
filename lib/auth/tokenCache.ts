import type { Viewer } from '../viewer';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered at once; default 10,000 (the oldest is forgotten first). */
  size?: number;
  /** Longest a verified token is trusted again without a new signature check, in ms; default 60,000. */
  maxAgeMs?: number;
  /** Clock in milliseconds; default `Date.now` (tests move it). */
  now?: () => number;
}

export interface VerifiedTokenCache {
  /** The viewer of a token verified earlier, while it is still within its `exp` and the cache's age; a fresh copy. */
  get(token: string): Viewer | undefined;
  /** Remembers a token whose signature and claims were just checked. @param exp - its `exp` claim, in seconds. */
  set(token: string, viewer: Viewer, exp: number): void;
}

/**
 * The tokens a process has verified recently. A staff member's token comes back with every
 * request, to the gateway and to each subgraph, and checking its signature each time is most of
 * what authentication costs. Keyed by the whole token, signature included, so only the very same
 * bytes match; never trusted past the token's own `exp`, nor longer than `maxAgeMs`, so a key the
 * issuer withdraws stops being honoured within that time, as with jose's own JWKS cache.
 */
export function createVerifiedTokenCache(options: VerifiedTokenCacheOptions = {}): VerifiedTokenCache {
  const size = options.size ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { viewer: Viewer; until: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (now() >= entry.until) {
        entries.delete(token);
        return undefined;
      }
      return { ...entry.viewer, roles: [...entry.viewer.roles] };
    },
    set(token, viewer, exp) {
      const until = Math.min(exp * 1000, now() + maxAgeMs);
      if (!(until > now())) return;
      entries.delete(token);
      if (entries.size >= size) entries.delete(entries.keys().next().value as string);
      entries.set(token, { viewer: { ...viewer, roles: [...viewer.roles] }, until });
    },
  };
}
