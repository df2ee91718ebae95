import { GENESIS_HASH } from './canonical';

/**
 * The triggers that make a side table of the disclosure log (reviews, delivery outcomes) a hash
 * chain of its own that the store itself keeps append-only: a row may only be inserted as the next
 * link (its `id` next, its `prev_hash` the last row's `hash`: this also stops INSERT OR REPLACE),
 * and no row is ever updated or deleted. The table needs `id`, `prev_hash` and `hash` columns.
 */
export function chainTriggers(table: string): string {
  return `
CREATE TRIGGER IF NOT EXISTS ${table}_append_at_end BEFORE INSERT ON ${table}
WHEN NEW.id IS NOT 1 + COALESCE((SELECT MAX(id) FROM ${table}), 0)
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM ${table} ORDER BY id DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, '${table} grows only at its end'); END;

CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;

CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
`;
}

/** The names of `chainTriggers(table)`, which verification expects to find. */
export function chainTriggerNames<T extends string>(table: T): [`${T}_append_at_end`, `${T}_no_update`, `${T}_no_delete`] {
  return [`${table}_append_at_end`, `${table}_no_update`, `${table}_no_delete`];
}
