import type { FjcStore } from './store';

/** The FJC's record kinds that get a sequential id, with their table and prefix. */
const SEQUENCES = {
  case: { table: 'cases', prefix: 'CASE-' },
  consent: { table: 'consents', prefix: 'CONS-' },
  conference: { table: 'conferences', prefix: 'CONF-' },
  planItem: { table: 'plan_items', prefix: 'PLAN-' },
  monitoringNote: { table: 'monitoring_notes', prefix: 'NOTE-' },
  caseAction: { table: 'case_actions', prefix: 'ACT-' },
} as const;

export type SequenceKind = keyof typeof SEQUENCES;

/**
 * The next free id of one kind: its prefix and six digits or more, e.g. `CONS-000042`. Call it
 * inside the transaction that inserts the record, so two writers never get the same id.
 */
export function nextId(store: FjcStore, kind: SequenceKind): string {
  const { table, prefix } = SEQUENCES[kind];
  const row = store.get<{ last: number | null }>(
    `SELECT MAX(CAST(SUBSTR(id, ${prefix.length + 1}) AS INTEGER)) AS last FROM ${table} WHERE id LIKE '${prefix}%'`,
  );
  return `${prefix}${String((row?.last ?? 0) + 1).padStart(6, '0')}`;
}

/** A case reference in the FJC's numbering, e.g. `CO3/2026/00012`, unique per year. */
export function nextCaseReference(store: FjcStore, year: string): string {
  const row = store.get<{ last: number | null }>(
    'SELECT MAX(CAST(SUBSTR(reference, 10) AS INTEGER)) AS last FROM cases WHERE reference LIKE ?',
    `CO3/${year}/%`,
  );
  return `CO3/${year}/${String((row?.last ?? 0) + 1).padStart(5, '0')}`;
}
