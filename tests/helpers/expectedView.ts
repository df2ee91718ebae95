import type { AgencyId } from '../../lib/agencies';
import type { Decision, DenyCode } from '../../lib/policy/decide';
import type { Category } from '../../lib/viewer';
import type { LabelledField } from './labelledFields';

/**
 * What a response to a selection of the client view must be, given the owning agencies' own view
 * of the same client and a decision per (owner, category): GraphQL's completion rules applied by
 * hand. A withheld field is null with an error at its path; a withheld non-null field nulls its
 * parent (an agency file whose `involved` is withheld is null as a whole, a list of non-null items
 * is null when one item is).
 */

export interface ExpectedError {
  path: string;
  code: DenyCode;
  category: Category;
  agency: AgencyId;
  reason: string;
  /**
   * null: the error must be in the response. A number: the error stood under an object that a
   * sibling's error nulled; GraphQL may or may not report it, but at least one error of the group
   * (the one that nulled the object) must be there.
   */
  group: number | null;
}

export interface Completed {
  value: unknown;
  /** A non-null field failed: the parent must be null. */
  failed: boolean;
  errors: ExpectedError[];
}

export type DecisionOf = (owner: AgencyId, category: Category) => Decision;

export interface Completion {
  decisionOf: DecisionOf;
  /** The decision of the ceiling alone (`perEntry` lists and their entries); required when such a field is selected. */
  ceilingOf?: (category: Category) => Decision;
  /** Counts every labelled field decided, for the test's tally. */
  onDecision?: (field: LabelledField, decision: Decision) => void;
  nextGroup: () => number;
}

function regroup(errors: ExpectedError[], group: number): ExpectedError[] {
  return errors.map((e) => ({ ...e, group }));
}

function completeObject(children: readonly LabelledField[], source: Record<string, unknown>, path: (string | number)[], completion: Completion): Completed {
  const value: Record<string, unknown> = {};
  const errors: ExpectedError[] = [];
  let failed = false;
  for (const child of children) {
    const done = completeField(child, source, path, completion);
    value[child.alias ?? child.name] = done.value;
    errors.push(...done.errors);
    failed ||= done.failed;
  }
  return failed ? { value: null, failed: true, errors: regroup(errors, completion.nextGroup()) } : { value, failed: false, errors };
}

/**
 * Completes one selected field of `parent` (the owner's own answer for the parent object, under
 * field names): the value and errors come back under the field's alias, if it has one.
 * @param field - the field with `children` narrowed to the selected ones.
 */
export function completeField(field: LabelledField, parent: Record<string, unknown>, path: (string | number)[], completion: Completion): Completed {
  const at = [...path, field.alias ?? field.name];
  if (field.perEntry) {
    const byCeiling = completion.ceilingOf;
    if (!byCeiling) throw new Error(`${field.name} is decided per entry: give the completion ceilingOf`);
    completion = { ...completion, decisionOf: (_owner, category) => byCeiling(category) };
  }
  if (field.category) {
    const decision = completion.decisionOf(field.owner, field.category);
    completion.onDecision?.(field, decision);
    if (!decision.permit) {
      const error: ExpectedError = {
        path: at.join('.'), code: decision.code, category: field.category, agency: field.owner, reason: decision.reason, group: null,
      };
      return { value: null, failed: field.nonNull, errors: [error] };
    }
  }
  const own = parent[field.name];
  if (own === null || own === undefined || field.children === null) return { value: own ?? null, failed: false, errors: [] };
  if (!field.list) {
    const done = completeObject(field.children, own as Record<string, unknown>, at, completion);
    return { ...done, failed: done.failed && field.nonNull };
  }
  const items = (own as Record<string, unknown>[]).map((item, i) => completeObject(field.children!, item, [...at, i], completion));
  const errors = items.flatMap((item) => item.errors);
  if (field.itemNonNull && items.some((item) => item.failed)) {
    return { value: null, failed: field.nonNull, errors: regroup(errors, completion.nextGroup()) };
  }
  return { value: items.map((item) => item.value), failed: false, errors };
}

/** The dotted path of the first place two JSON values differ, or null when they are equal. */
export function firstDifference(actual: unknown, expected: unknown, path = ''): string | null {
  if (actual === expected) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return path || '(root)';
  if (Array.isArray(actual) !== Array.isArray(expected)) return path || '(root)';
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const difference = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (difference !== null) return difference;
  }
  return null;
}
