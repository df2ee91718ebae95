/**
 * The canonical JSON of the protocol (docs/agency-protocol.md, The chain): object keys sorted by
 * UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes them. Written
 * here from the protocol text rather than imported, as the rest of the suite's oracle.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(',')}}`;
}
