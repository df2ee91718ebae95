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
 * The hash of one link: sha256(prev_hash + canonical(row without hash)). `prev_hash` is also inside
 * the row; prefixing it as well keeps the definition obvious to an auditor re-implementing it.
 */
export function chainHash(prevHash: string, rowWithoutHash: { readonly [column: string]: string | number | null }): string {
  return sha256Hex(prevHash + canonicalJson(rowWithoutHash));
}
