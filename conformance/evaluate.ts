import { isDeepStrictEqual } from 'node:util';
import { expectedRemedy, type Expected } from './oracle';
import type { Category, Purpose, Viewer } from './protocol';
import type { FieldShape } from './sdl';
import type { Answer, GraphQLError } from './transport';

/** What one release request must show, field by field, and whom to blame when it does not. */
export interface Expectation {
  /** The owning agency, as withheld errors name it. */
  agency: string;
  viewer: Viewer;
  purpose: Purpose;
  decide: (category: Category) => Expected;
  /** The requirement a release that should have been refused for lack of a valid assertion breaks. */
  assertionId?: string;
  /** The same request by the agency's own staff, for AP-POL-9; omitted for that request itself. */
  reference?: unknown;
}

export interface Problem {
  id: string;
  text: string;
}

export interface Evaluation {
  problems: Problem[];
  /** Requirements the request exercised: each passes unless a problem names it. */
  exercised: Set<string>;
  /** `Type.field` of every labelled field released. */
  released: Set<string>;
  granted: Map<Category, string>;
  denied: Map<Category, string>;
}

/** The basis of a category released against the protocol: the record may name any. */
export const ANY_BASIS = '*';

const BASIS_ID: Record<string, string> = {
  OWN_RECORD: 'AP-POL-2', CONSENT: 'AP-POL-4', CASE_CONFERENCE: 'AP-POL-5', EMERGENCY: 'AP-POL-6', JOINT_CLIENT: 'AP-POL-7',
};

function blameOf(expected: Expected, assertionId: string | undefined): string {
  if (expected.permit) return BASIS_ID[expected.basis]!;
  if (expected.code === 'FORBIDDEN') return 'AP-POL-1';
  if (expected.code === 'PROTECTED') return 'AP-POL-3';
  return expected.reason === 'NO_VALID_ASSERTION' ? (assertionId ?? 'AP-ASSERT-1') : 'AP-POL-8';
}

const samePath = (a: readonly unknown[] | undefined, b: readonly unknown[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
const show = (path: readonly (string | number)[]) => path.join('.');

/**
 * Checks one answer for the agency's part of a `Client` (`shapes`, selected at `root`) against what
 * the protocol decides for every labelled field: a released field has no error (and, with a
 * reference, the same data the agency's own staff see); a withheld one is null with exactly one
 * error carrying the right code, category, agency, reason and remedy; every selected key is there.
 */
export function evaluate(answer: Answer, expectation: Expectation, shapes: readonly FieldShape[], root: readonly (string | number)[]): Evaluation {
  const result: Evaluation = { problems: [], exercised: new Set(['AP-ERR-3']), released: new Set(), granted: new Map(), denied: new Map() };
  const problem = (id: string, text: string) => result.problems.push({ id, text });
  const errors = answer.body?.errors ?? [];
  const accounted = new Set<GraphQLError>();
  const errorsAt = (path: readonly (string | number)[]) => errors.filter((e) => samePath(e.path, path));

  const entity = root.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | null | undefined)?.[key], answer.body?.data);
  if (answer.status !== 200 || entity === null || typeof entity !== 'object') {
    problem('AP-ERR-3', `no entity at ${show(root)} (HTTP ${answer.status}, codes ${JSON.stringify(errors.map((e) => e.extensions?.code))})`);
    return result;
  }

  const compare = (shape: FieldShape, value: unknown, reference: unknown, path: readonly (string | number)[]) => {
    if (expectation.reference === undefined || shape.children) return;
    result.exercised.add('AP-POL-9');
    if (!isDeepStrictEqual(value, reference)) problem('AP-POL-9', `${show(path)} is ${JSON.stringify(value)}, own staff see ${JSON.stringify(reference)}`);
  };

  const walk = (list: readonly FieldShape[], object: Record<string, unknown>, reference: Record<string, unknown> | null | undefined, path: readonly (string | number)[]) => {
    for (const shape of list) {
      const at = [...path, shape.name];
      if (!(shape.name in object)) {
        problem('AP-ERR-3', `${show(at)} was selected but is missing from the answer`);
        continue;
      }
      const value = object[shape.name];
      const expected = shape.category ? expectation.decide(shape.category) : null;
      if (expected && !expected.permit) {
        result.exercised.add(blameOf(expected, expectation.assertionId)).add('AP-ERR-1').add('AP-ERR-2');
        if (value === null && errorsAt(at).length > 0) continue; // withheld: the error is checked below
        // Released against the protocol (a null without the withheld error is indistinguishable from
        // a released empty value): still a release, which its disclosure record must show.
        problem(blameOf(expected, expectation.assertionId), `${shape.coordinate} (${shape.category}) was ${value === null ? 'answered null without the withheld error' : 'released'}; expected ${expected.code} ${expected.reason}`);
      } else {
        if (expected) result.exercised.add(blameOf(expected, expectation.assertionId));
        const here = errorsAt(at);
        if (here.length > 0) {
          here.forEach((e) => accounted.add(e));
          problem(expected ? blameOf(expected, expectation.assertionId) : 'AP-ERR-1', `${show(at)} answered ${String(here[0]!.extensions?.code)}; expected it released (${expected ? expected.basis : 'unlabelled'})`);
          continue;
        }
      }
      if (expected && shape.category) {
        result.released.add(shape.coordinate);
        result.granted.set(shape.category, expected.permit ? expected.basis : ANY_BASIS);
      }
      // Completeness (AP-POL-9) is asked of fields the protocol releases, not of ones it withholds.
      const permitted = !expected || expected.permit;
      const ref = reference?.[shape.name];
      if (permitted) compare(shape, value, ref, at);
      if (!shape.children) continue;
      if (value === null) {
        const nulledByChild = errors.some((e) => e.path && e.path.length > at.length && samePath(e.path.slice(0, at.length), at));
        if (permitted && expectation.reference !== undefined && ref !== null && ref !== undefined && !nulledByChild) {
          result.exercised.add('AP-POL-9');
          problem('AP-POL-9', `${show(at)} is null; the agency's own staff see it`);
        }
        continue;
      }
      if (Array.isArray(value)) {
        const refs = Array.isArray(ref) ? ref : [];
        if (permitted && expectation.reference !== undefined && refs.length !== value.length) problem('AP-POL-9', `${show(at)} has ${value.length} entries, own staff see ${refs.length}`);
        value.forEach((item, i) => {
          if (item !== null && typeof item === 'object') walk(shape.children!, item as Record<string, unknown>, refs[i] as Record<string, unknown>, [...at, i]);
        });
      } else if (typeof value === 'object') {
        walk(shape.children, value as Record<string, unknown>, ref as Record<string, unknown> | null, at);
      }
    }
  };
  walk(shapes, entity as Record<string, unknown>, expectation.reference as Record<string, unknown> | undefined, root);

  // Every error left must be a correct withheld-field error: with null propagation it may sit
  // below a parent that came back null.
  const seenPaths = new Set<string>();
  for (const error of errors) {
    if (accounted.has(error)) continue;
    const shape = shapeAt(shapes, error.path, root);
    const where = error.path ? show(error.path) : '(no path)';
    if (!shape?.category) {
      problem('AP-ERR-1', `unexpected error ${String(error.extensions?.code)} at ${where}`);
      continue;
    }
    if (seenPaths.has(where)) problem('AP-ERR-1', `more than one error at ${where}`);
    seenPaths.add(where);
    checkWithheld(error, shape.coordinate, shape.category, expectation, problem, result);
  }
  return result;
}

/** The shape a response path points at, below `root`; indices of lists are skipped. */
function shapeAt(shapes: readonly FieldShape[], path: readonly (string | number)[] | undefined, root: readonly (string | number)[]): FieldShape | undefined {
  if (!path || !samePath(path.slice(0, root.length), root)) return undefined;
  let list: readonly FieldShape[] | null = shapes;
  let found: FieldShape | undefined;
  for (const key of path.slice(root.length)) {
    if (typeof key === 'number') continue;
    found = list?.find((s) => s.name === key);
    if (!found) return undefined;
    list = found.children;
  }
  return found;
}

function checkWithheld(error: GraphQLError, coordinate: string, category: Category, expectation: Expectation, problem: (id: string, text: string) => void, result: Evaluation): void {
  const expected = expectation.decide(category);
  const ext = error.extensions ?? {};
  result.exercised.add(blameOf(expected, expectation.assertionId)).add('AP-ERR-1').add('AP-ERR-2');
  if (expected.permit) {
    problem(blameOf(expected, expectation.assertionId), `${coordinate} (${category}) was withheld with ${String(ext.code)}; expected released (${expected.basis})`);
    return;
  }
  result.denied.set(category, String(ext.code));
  if (ext.code !== expected.code) {
    problem(blameOf(expected, expectation.assertionId), `${coordinate} (${category}) withheld with ${String(ext.code)}; expected ${expected.code}`);
    return;
  }
  const shape = { category: ext.category, agency: ext.agency, reason: ext.reason };
  const want = { category, agency: expectation.agency, reason: expected.reason };
  if (!isDeepStrictEqual(shape, want)) problem('AP-ERR-1', `${coordinate}: extensions ${JSON.stringify(shape)}, expected ${JSON.stringify(want)}`);
  const remedy = expectedRemedy(expected.code, expectation.viewer, expectation.purpose, category);
  if (!isDeepStrictEqual(ext.remedy, remedy)) problem('AP-ERR-2', `${coordinate}: remedy ${JSON.stringify(ext.remedy)}, expected ${JSON.stringify(remedy)}`);
}
