/**
 * What an agency remembers, for a while, of the gateway's recent calls: which disclosure records
 * each call wrote, and reports of undelivered answers that came before their records. In memory
 * only: a report for a call of a process that has since restarted, or older than `PENDING_MS`, finds
 * nothing to mark (docs/disclosure-log.md, Limits).
 */

/** How long this process remembers which records a call wrote, and a report that came first. */
export const PENDING_MS = 5 * 60_000;
/** At most this many calls (and early reports) remembered. */
const REMEMBERED_CALLS = 20_000;

/** A bounded, time-limited memory of values by call id, oldest forgotten first. */
export function recentByCall<T>(now: () => number) {
  const entries = new Map<string, { value: T; at: number }>();
  const expire = () => {
    for (const [key, entry] of entries) {
      if (entries.size <= REMEMBERED_CALLS && now() - entry.at < PENDING_MS) break;
      entries.delete(key);
    }
  };
  return {
    set(key: string, value: T) {
      entries.delete(key);
      entries.set(key, { value, at: now() });
      expire();
    },
    take(key: string): T | undefined {
      expire();
      const entry = entries.get(key);
      entries.delete(key);
      return entry?.value;
    },
  };
}

