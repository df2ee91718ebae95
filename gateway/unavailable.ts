import { Kind, parse, type FragmentDefinitionNode, type GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AgencyId } from '../lib/agencies';
import { agencyUnavailable } from '../lib/errors';

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** Response keys a selection set asks for on an object of `typename`, through fragments; `__typename` left out. */
function keysFor(selectionSet: SelectionSetNode, typename: string | undefined, fragments: Fragments, seen = new Set<string>()): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.push(selection.alias?.value ?? selection.name.value);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) seen.add(selection.name.value);
    const condition = fragment.typeCondition?.name.value;
    // The planner's entity fetches select `... on Client { police { ... } }`: only the typename's own fields count.
    if (condition === undefined || typename === undefined || condition === typename) keys.push(...keysFor(fragment.selectionSet, typename, fragments, seen));
  }
  return [...new Set(keys)];
}

function representationsOf(variables: Record<string, unknown> | undefined): { __typename?: unknown }[] {
  const value = variables?.representations;
  return Array.isArray(value) ? (value as { __typename?: unknown }[]) : [];
}

type Path = (string | number)[];

/**
 * Where a subgraph fetch's answers go: for an entity fetch (`_entities`) one path per
 * representation and selected field (`['_entities', i, 'police']`, which the gateway rewrites to
 * e.g. `['clients', 3, 'police']`); for a root fetch one per root field. Empty when the operation
 * cannot be read.
 * @param query - the subgraph operation the query planner built.
 */
export function fetchPaths(query: string | undefined, variables: Record<string, unknown> | undefined): Path[] {
  let operation: OperationDefinitionNode | undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  try {
    for (const definition of parse(query ?? '').definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
      else if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
  } catch {
    return []; // the planner always sends a valid operation
  }
  const paths: Path[] = [];
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
    const key = selection.alias?.value ?? selection.name.value;
    if (selection.name.value !== '_entities' || !selection.selectionSet) {
      paths.push([key]);
      continue;
    }
    const byType = new Map<string | undefined, string[]>();
    representationsOf(variables).forEach((representation, index) => {
      const typename = typeof representation?.__typename === 'string' ? representation.__typename : undefined;
      if (!byType.has(typename)) byType.set(typename, keysFor(selection.selectionSet!, typename, fragments));
      for (const field of byType.get(typename)!) paths.push([key, index, field]);
    });
  }
  return paths;
}

/** One formatted copy of `error` (the gateway's answer for an agency), at `path` when there is one. */
export function errorAt(error: GraphQLError, path?: readonly (string | number)[]): GraphQLFormattedError {
  return { message: error.message, ...(path ? { path } : {}), extensions: { ...error.extensions } };
}

/**
 * What a subgraph fetch that was not answered (or not sent) answers instead: one copy of `error`
 * per place the fetch would have answered (`fetchPaths`), so the gateway answers `null` there and
 * every other agency's data stands; one without a path when the operation cannot be read.
 */
export function errorsAtFetch(error: GraphQLError, query: string | undefined, variables: Record<string, unknown> | undefined): GraphQLFormattedError[] {
  const paths = fetchPaths(query, variables);
  return paths.length > 0 ? paths.map((path) => errorAt(error, path)) : [errorAt(error)];
}

/** `errorsAtFetch` with AGENCY_UNAVAILABLE: the agency gave no answer. */
export function unavailableErrors(agency: AgencyId, query: string | undefined, variables: Record<string, unknown> | undefined): GraphQLFormattedError[] {
  return errorsAtFetch(agencyUnavailable(agency), query, variables);
}
