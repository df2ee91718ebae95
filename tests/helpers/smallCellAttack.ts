/**
 * An attacker on published statistics, for the suppression tests: knows the rule that produced
 * them, sees every publication of a series (every range, both granularities), and tries every
 * table of monthly counts over a domain. A suppressed month is recovered when all tables that
 * publish exactly the same figures agree on its count.
 */

/** What one table of monthly counts publishes, and which of its months are suppressed. */
export interface Publication {
  /** Everything published, compared as a whole. */
  figures: unknown;
  /** The months whose count is not shown. */
  suppressed: readonly number[];
}

export interface Recovery {
  months: readonly number[];
  month: number;
  value: number;
}

/** Every table of `length` months with counts from `domain`. */
export function* tables(length: number, domain: readonly number[]): Generator<number[]> {
  const indexes = new Array<number>(length).fill(0);
  for (;;) {
    yield indexes.map((i) => domain[i]!);
    let position = length - 1;
    while (position >= 0 && indexes[position] === domain.length - 1) indexes[position--] = 0;
    if (position < 0) return;
    indexes[position]! += 1;
  }
}

/**
 * The suppressed months the attacker recovers: tables are grouped by what they publish, and a
 * suppressed month is recovered when every table in its group holds the same count there.
 */
export function recoveredMonths(publish: (months: number[]) => Publication, length: number, domain: readonly number[]): Recovery[] {
  const groups = new Map<string, { tables: number[][]; suppressed: readonly number[] }>();
  for (const months of tables(length, domain)) {
    const publication = publish(months);
    const key = JSON.stringify(publication.figures);
    const group = groups.get(key) ?? { tables: [], suppressed: publication.suppressed };
    group.tables.push(months);
    groups.set(key, group);
  }
  const recovered: Recovery[] = [];
  for (const { tables: candidates, suppressed } of groups.values()) {
    for (const month of suppressed) {
      const values = new Set(candidates.map((t) => t[month]));
      if (values.size === 1) recovered.push({ months: candidates[0]!, month, value: candidates[0]![month]! });
    }
  }
  return recovered;
}

const small = (count: number) => count >= 1 && count <= 4;

/** Rejected rule: months of 1 to 4 suppressed, the total published exactly. */
export function exactTotals(months: number[]): Publication {
  return {
    figures: [months.map((c) => (small(c) ? null : c)), months.reduce((a, b) => a + b, 0)],
    suppressed: months.flatMap((c, i) => (small(c) ? [i] : [])),
  };
}

/** Rejected rule: months of 1 to 4 suppressed, the total rounded to the nearest multiple of 5 and flagged. */
export function roundedTotals(months: number[]): Publication {
  const total = months.reduce((a, b) => a + b, 0);
  return {
    figures: [months.map((c) => (small(c) ? null : c)), Math.round(total / 5) * 5],
    suppressed: months.flatMap((c, i) => (small(c) ? [i] : [])),
  };
}

/**
 * Rejected rule: complementary suppression chosen per answer, over the range asked for (the
 * smallest other count of 5 or more in the range; the total suppressed when there is none).
 * Published for every range of consecutive months.
 */
export function complementPerRange(months: number[]): Publication {
  const figures: unknown[] = [];
  for (let first = 0; first < months.length; first += 1) {
    for (let last = first; last < months.length; last += 1) {
      const range = months.slice(first, last + 1);
      const large = range.filter((c) => c >= 5);
      const complement = range.some(small) && large.length > 0 ? Math.min(...large) : null;
      const hidden = range.map((c) => small(c) || c === complement);
      const total = range.some(small) && complement === null ? null : range.reduce((a, b) => a + b, 0);
      figures.push([range.map((c, i) => (hidden[i] ? null : c)), total]);
    }
  }
  return { figures, suppressed: months.flatMap((c, i) => (small(c) ? [i] : [])) };
}
