/** A small seeded PRNG (mulberry32): the same seed gives the same dataset on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A stream of its own for one agency or purpose, so adding one changes no other. */
  fork(label: string): Random;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    fork: (label) => {
      let hash = seed >>> 0;
      for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
      return createRandom(hash);
    },
  };
  return random;
}

const DAY = 86_400_000;

/** ISO date (YYYY-MM-DD) `days` after `from` (negative: before). */
export function addDays(from: string, days: number): string {
  return new Date(Date.parse(from) + days * DAY).toISOString().slice(0, 10);
}

/** ISO date-time `days` (fractional allowed) after `from`. */
export function addDaysTime(from: string, days: number): string {
  return new Date(Date.parse(from) + Math.round(days * DAY)).toISOString();
}

/** The earlier of two ISO dates or date-times. */
export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
