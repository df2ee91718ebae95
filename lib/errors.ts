import { getLocation, GraphQLError, type ASTNode, type SourceLocation } from 'graphql';
import type { AgencyId } from './agencies';
import type { Remedy } from './policy/remedy';
import type { Category } from './viewer';

/** The `extensions.code` values of OneRoof's own refusals (docs/interface.md, Error codes). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  INVALID_BASIS: 'INVALID_BASIS',
  FORBIDDEN: 'FORBIDDEN',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  PROTECTED: 'PROTECTED',
  AGENCY_UNAVAILABLE: 'AGENCY_UNAVAILABLE',
  AGENCY_ERROR: 'AGENCY_ERROR',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  LIKELY_DUPLICATE: 'LIKELY_DUPLICATE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** No token, bad signature, expired, wrong issuer or audience, unsupported algorithm: one message for all. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError('Authentication required: a valid bearer token is needed.', {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/** @param message - says which header is missing or wrong; never echoes its value. */
export function purposeRequired(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.PURPOSE_REQUIRED, http: { status: 400 } },
  });
}

/**
 * A claimed legal basis (`X-Conference-Id`, `X-Emergency-Reason`) is not valid: refused before any
 * agency is asked for data. Never echoes the header's value.
 * @param header - the header at fault, also in `extensions.header`.
 * @param status - 400 when malformed, 403 when well-formed but not a basis for this viewer (unknown,
 *   not open, not a participant: one answer for the three, so nobody learns which conferences exist).
 */
export function invalidBasis(header: string, message: string, status: 400 | 403): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.INVALID_BASIS, header, http: { status } } });
}

/** @param field - the argument or input field at fault, named in the message. */
export function badUserInput(field: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid ${field}: ${problem}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field },
  });
}

/**
 * A registration that looks like a client already registered (same date of birth, same folded
 * name): nothing was written. The caller may check the candidates and register anyway by naming them.
 * @param candidates - the ids of the likely duplicates, for the caller to open and compare.
 */
export function likelyDuplicate(candidates: readonly string[]): GraphQLError {
  return new GraphQLError('A client with the same name and date of birth is already registered: check the candidates, or confirm they are other persons.', {
    extensions: { code: ErrorCode.LIKELY_DUPLICATE, field: 'input', candidates: [...candidates] },
  });
}

/**
 * A role, agency or purpose may not perform this operation at all (not a withheld field).
 * @param remedy - where the refusal concerns one category (reading case plans, writing): what would permit it.
 */
export function forbiddenOperation(remedy?: Remedy): GraphQLError {
  return new GraphQLError('Not permitted for this role and purpose.', {
    extensions: { code: ErrorCode.FORBIDDEN, ...(remedy ? { remedy } : {}) },
  });
}

export interface WithheldDetails {
  code: typeof ErrorCode.FORBIDDEN | typeof ErrorCode.CONSENT_REQUIRED | typeof ErrorCode.PROTECTED;
  category: Category;
  agency: AgencyId;
  reason: string;
  /** What would release the field (`remedyFor`). */
  remedy: Remedy;
}

/** Own, writable, not enumerable: how `GraphQLError` keeps everything but message, path, locations and extensions. */
export const hidden = (value: unknown): PropertyDescriptor => ({ value, writable: true, configurable: true, enumerable: false });

/**
 * The prototype of a `GraphQLError` built without its constructor (a located withheld error here,
 * an agency error the gateway rebuilds, gateway/dataSource.ts): what a constructed one holds as
 * hidden properties, set once; each error adds its own `nodes` or `originalError` where it has one.
 */
export const BUILT_ERROR_PROTOTYPE: GraphQLError = Object.create(GraphQLError.prototype, {
  name: hidden('GraphQLError'),
  nodes: hidden(undefined),
  source: hidden(undefined),
  positions: hidden(undefined),
  originalError: hidden(undefined),
});

/**
 * Where a node stands in its operation's text, read once per node: a subgraph keeps each parsed
 * operation (Apollo's document cache) and answers it over and over.
 */
const LOCATIONS = new WeakMap<ASTNode, SourceLocation>();
function locationsOf(nodes: readonly ASTNode[]): SourceLocation[] | undefined {
  const locations: SourceLocation[] = [];
  for (const node of nodes) {
    if (!node.loc) continue;
    let location = LOCATIONS.get(node);
    if (!location) LOCATIONS.set(node, (location = getLocation(node.loc.source, node.loc.start)));
    locations.push(location);
  }
  return locations.length > 0 ? locations : undefined;
}

/**
 * A field policy withholds: generic message, never the value nor whether one exists. It is an
 * answer, not a fault, one per withheld field, so it is built as cheaply as an answer: without a
 * stack trace, and, when thrown by a resolver (`at` given), already located, so graphql-js uses it
 * as it is instead of wrapping it in a new error, and without `GraphQLError`'s constructor, whose
 * bookkeeping (a stack capture even at a limit of 0, six property definitions, the locations read
 * from the operation's text) cost more than deciding the field. The result is a `GraphQLError`
 * like any other (prototype, enumerable properties, `toJSON`, `nodes`): tests/unit/errors.test.ts
 * compares the two.
 * @param at - the field's nodes and response path (`info.fieldNodes`, `info.path`), when thrown by a resolver.
 */
export function withheld(details: WithheldDetails, at?: { nodes: readonly ASTNode[]; path: readonly (string | number)[] }): GraphQLError {
  if (at) {
    const error = Object.create(BUILT_ERROR_PROTOTYPE) as { -readonly [K in keyof GraphQLError]: unknown };
    error.message = WITHHELD_MESSAGE;
    error.path = at.path;
    error.locations = locationsOf(at.nodes);
    error.extensions = { ...details };
    Object.defineProperty(error, 'nodes', hidden(at.nodes.length > 0 ? at.nodes : undefined));
    return error as unknown as GraphQLError;
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(WITHHELD_MESSAGE, { extensions: { ...details } });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export const WITHHELD_MESSAGE = 'This field is withheld.';

/** The owning subgraph gave no answer: it timed out, refused the connection, or its circuit is open. */
export function agencyUnavailable(agency: AgencyId): GraphQLError {
  return new GraphQLError('This agency did not answer; its data is not included.', {
    extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency },
  });
}

/** The owning subgraph answered, but with an error it gave no code for (its own fault: a store failure, a bug). */
export function agencyError(agency: AgencyId): GraphQLError {
  return new GraphQLError('This agency answered with an error; its data is not included.', {
    extensions: { code: ErrorCode.AGENCY_ERROR, agency },
  });
}

/**
 * A subgraph stopped work on a request nobody waits for any more (the gateway's deadline passed, or
 * it closed the connection): the answer will not be read. Built without a stack trace: after the
 * deadline every remaining field throws it, and it must cost next to nothing.
 */
export function requestAbandoned(agency: AgencyId): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError('This agency stopped: nobody waits for this answer any more.', {
      extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}
