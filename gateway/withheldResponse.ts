import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, parseType, type GraphQLFormattedError, type TypeNode } from 'graphql';
import { ErrorCode, withheld } from '../lib/errors';
import { remedyFor } from '../lib/policy/remedy';
import type { RequestContext } from '../lib/viewer';
import type { GatewayContext } from './context';
import type { RemovedField } from './fieldFilter';

export interface SingleResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

type ResponsePath = (string | number)[];
type JsonObject = Record<string, unknown>;

/** One place in the data where a removed field answers, with the nullability of every position on its path. */
interface Hit {
  removed: RemovedField;
  /** The field's response path, list indices included, ending with its own response key. */
  path: ResponsePath;
  nullable: boolean[];
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

type OnObject = (object: JsonObject | null, path: ResponsePath, nullable: boolean[]) => void;

/**
 * Calls `onObject` for every object a value of `type` holds, expanding lists into their indices,
 * and for every `null` in `nulled`: an object that existed until an error below it nulled it.
 */
function objectsAt(value: unknown, type: TypeNode, path: ResponsePath, nullable: boolean[], onObject: OnObject, nulled?: ReadonlySet<string>): void {
  const flags = [...nullable, type.kind !== Kind.NON_NULL_TYPE];
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind === Kind.LIST_TYPE) {
    if (Array.isArray(value)) value.forEach((item, index) => objectsAt(item, inner.type, [...path, index], flags, onObject, nulled));
  } else if (isObject(value) || (value === null && nulled?.has(JSON.stringify(path)))) {
    onObject(value, path, flags);
  }
}

/**
 * Where a removed field answers in this data: wherever its placeholder answered, which is exactly
 * where its selection applied (type conditions included), under objects that exist. Also in a
 * parent that a sibling's error nulled (a subgraph withholding a non-null field): GraphQL reports
 * every failing field of an object, so the FORBIDDEN stands beside the subgraph's error.
 */
function hitsOf(data: JsonObject, removed: RemovedField, nulled: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  const last = removed.path.length - 1;
  // Without its placeholder a nulled parent cannot show a type condition: only unconditional fields count.
  const unconditional = last > 0 && removed.path[last - 1].type.replace(/[[\]!]/g, '') === removed.parentType;
  const step = (object: JsonObject | null, index: number, path: ResponsePath, nullable: boolean[]): void => {
    const { key, type } = removed.path[index];
    if (index === last) {
      const nonNull = parseType(type).kind === Kind.NON_NULL_TYPE;
      const hit = { removed, path: [...path, key], nullable: [...nullable, !nonNull] };
      // The filter splits a field by object type (fieldFilter.ts), so no permitted selection answers
      // the same key where a placeholder answered: the key is the placeholder's to fill.
      if (object === null || typeof object[removed.placeholder] === 'string') hits.push(hit);
      return;
    }
    if (object === null) return;
    const onChild: OnObject = (child, p, n) => step(child, index + 1, p, n);
    objectsAt(object[key], parseType(type), [...path, key], nullable, onChild, index + 1 === last && unconditional ? nulled : undefined);
  };
  step(data, 0, [], []);
  return hits;
}

/** Every proper prefix of an error's path: positions an error below them may have nulled. */
function nulledByErrors(errors: readonly GraphQLFormattedError[] | undefined): Set<string> {
  const prefixes = new Set<string>();
  for (const { path } of errors ?? []) for (let length = 1; path && length < path.length; length += 1) prefixes.add(JSON.stringify(path.slice(0, length)));
  return prefixes;
}

/** The value at `path`, or `undefined` where an ancestor is missing or null. */
function valueAt(data: JsonObject, path: ResponsePath): unknown {
  let value: unknown = data;
  for (const step of path) value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[step] : undefined;
  return value;
}

/** Puts `key: null` where the placeholder stood, so the field keeps the place the client gave it. */
function restoreKey(object: JsonObject, placeholder: string, key: string): void {
  const entries = Object.entries(object);
  const taken = entries.some(([k]) => k === key);
  for (const [k] of entries) delete object[k];
  for (const [k, v] of entries) {
    if (k !== placeholder) object[k] = v;
    else if (!taken) object[key] = null;
  }
}

/**
 * Answers one hit: `null` in the field's place, then, as GraphQL's null propagation does, `null`
 * at the nearest nullable position at or above it (the whole data when there is none).
 */
function answer(data: JsonObject, hit: Hit): JsonObject | null {
  const parent = valueAt(data, hit.path.slice(0, -1));
  // An ancestor already nulled (by another hit or a subgraph error) holds nothing to answer.
  if (!isObject(parent)) return data;
  restoreKey(parent, hit.removed.placeholder, String(hit.path[hit.path.length - 1]));
  const at = hit.nullable.lastIndexOf(true);
  if (at < 0) return null;
  const container = valueAt(data, hit.path.slice(0, at));
  if (isObject(container) || Array.isArray(container)) (container as Record<string | number, unknown>)[hit.path[at]] = null;
  return data;
}

/** Who asked and why: what the remedy of a removed field depends on. */
export type Asker = Pick<RequestContext, 'viewer' | 'purpose'>;

function forbidden(hit: Hit, asker: Asker): GraphQLFormattedError {
  const { category, agency } = hit.removed;
  const remedy = remedyFor(ErrorCode.FORBIDDEN, asker.viewer, asker.purpose, category);
  const error = withheld({ code: ErrorCode.FORBIDDEN, category, agency, reason: 'ABOVE_CEILING', remedy });
  return { message: error.message, path: hit.path, extensions: error.extensions };
}

/**
 * Answers every removed field of an executed operation: `null` at each concrete path (list
 * indices expanded on the data), propagated up through non-null positions, and one `FORBIDDEN`
 * error per path, appended after the plan's own errors. Errors are found on the data as executed,
 * so siblings nulled together each get theirs, as in GraphQL execution. Does not modify `result`.
 */
export function answerWithheld(result: SingleResult, removed: readonly RemovedField[], asker: Asker): SingleResult {
  if (!isObject(result.data) || removed.length === 0) return result;
  const copy = structuredClone(result.data);
  const nulled = nulledByErrors(result.errors);
  const hits = removed.flatMap((field) => hitsOf(copy, field, nulled));
  if (hits.length === 0) return result;
  // One error per path, even where two fragments asked for the same field of the same object.
  const errors = new Map(hits.map((hit) => [JSON.stringify(hit.path), forbidden(hit, asker)]));
  let data: JsonObject | null = copy;
  for (const hit of hits) data = data && answer(data, hit);
  return { ...result, data, errors: [...(result.errors ?? []), ...errors.values()] };
}

/** Applies `answerWithheld` to every single-result response of a request whose operation was filtered. */
export function withheldFieldsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.withheld.length === 0) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const answered = answerWithheld(response.body.singleResult, contextValue.withheld, contextValue);
          response.body.singleResult.data = answered.data;
          response.body.singleResult.errors = answered.errors;
        },
      };
    },
  };
}
