/** Lists are kept in one text column, separated by `|`; empty text is an empty list. */
export function listColumn(value: string | null): string[] {
  return value ? value.split('|') : [];
}

export function toListColumn(values: readonly string[]): string {
  return values.join('|');
}
