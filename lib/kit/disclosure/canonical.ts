import { createHash } from 'node:crypto';

/** The `prev_hash` of the first record of a chain that never had a checkpoint. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a canonical serialisation accepts: the values of a stored row and the JSON inside it. */
export type CanonicalValue = string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/**
 * JSON with object keys sorted (UTF-16 code-unit order, as RFC 8785) and no whitespace, so the
 * same content always gives the same bytes in every process and every Node version: hashes and
 * signatures are computed over this, never over `JSON.stringify` of an object built in some order.
 * @throws TypeError on a number that JSON cannot represent exactly (NaN, Infinity).
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: CanonicalValue) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: CanonicalValue };
  const keys = Object.keys(object).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key]!)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The hash of one link, by its definition: sha256(prev_hash + canonical(row without hash)).
 * `linkHash` computes the same faster for stored rows; this is the rule as an auditor reads it. `prev_hash` is also inside
 * the row; prefixing it as well keeps the definition obvious to an auditor re-implementing it.
 */
export function chainHash(prevHash: string, rowWithoutHash: { readonly [column: string]: string | number | null }): string {
  return sha256Hex(prevHash + canonicalJson(rowWithoutHash));
}

/** A stored row of a hash-chained table: scalar columns, `prev_hash` and `hash` among them. */
export type ChainedRow = { readonly prev_hash: string; readonly hash: string } & { readonly [column: string]: string | number | null };

/** How one column opens in the canonical JSON of a row: `"name":`. */
const OPENERS = new Map<string, string>();

/**
 * The columns a chained table's hash covers, in canonical (sorted) order: every column but `hash`.
 * Computed once per table, so each row is serialised without sorting its keys.
 */
export function hashedColumns(columns: readonly string[]): readonly string[] {
  const hashed = columns.filter((column) => column !== 'hash').sort();
  for (const column of hashed) if (!OPENERS.has(column)) OPENERS.set(column, `${JSON.stringify(column)}:`);
  return hashed;
}

/**
 * The hash a row of a chained table must carry: `chainHash(prev_hash, row without hash)`, the one
 * rule of the disclosure records, their reviews and their delivery outcomes, built straight from
 * the sorted columns instead of through a copy of the row and `canonicalJson` (the same bytes:
 * tests/unit/canonical.test.ts). Runs once per record written and per record verified.
 * @param hashed - the table's `hashedColumns`.
 */
export function linkHash(row: ChainedRow, hashed: readonly string[]): string {
  let text = '{';
  for (let i = 0; i < hashed.length; i += 1) {
    const column = hashed[i]!;
    const value = row[column];
    if (value === undefined) throw new TypeError(`linkHash: the row has no column ${column}`);
    text += `${i === 0 ? '' : ','}${OPENERS.get(column)!}${typeof value === 'number' ? canonicalJson(value) : JSON.stringify(value)}`;
  }
  return sha256Hex(`${row.prev_hash}${text}}`);
}

/**
 * The hash function of one chained table: `linkHash` over its `hashedColumns`, sorted once.
 * @param columns - the table's columns, `hash` among them.
 */
export function chainedRowHasher<Row>(columns: readonly (keyof Row & string)[]): (row: Row) => string {
  const hashed = hashedColumns(columns);
  return (row) => linkHash(row as unknown as ChainedRow, hashed);
}
