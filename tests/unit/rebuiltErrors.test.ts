import * as graphql from 'graphql';
import { GraphQLError, parse, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { ErrorsWithoutStackTraces } from '../../gateway/dataSource';

/**
 * Apollo's gateway rebuilds every error an agency answers with `errors.map(...)` and
 * `new GraphQLError(message, { originalError, path, extensions })` (`downstreamServiceError`).
 * Inside that map (gateway/dataSource.ts) the errors are built without the constructor: these
 * checks compare them with constructed ones, property by property, and check that nothing outside
 * the map is touched.
 */
const FROM_AGENCY: GraphQLFormattedError[] = [
  {
    message: 'This field is withheld.', locations: [{ line: 1, column: 40 }], path: ['_entities', 0, 'interventions'],
    extensions: { code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED', category: 'SAFETY', agency: 'police' },
  },
  { message: 'Something failed', path: ['_entities', 1, 'since'] },
  { message: '' },
];

/** What Apollo's `downstreamServiceError` does for an error with a code it does not know, read from the module as it does. */
function asApolloRebuilds(error: GraphQLFormattedError, index: number): GraphQLError {
  return new graphql.GraphQLError(error.message || 'Error while fetching subquery from service "police"', {
    originalError: error as unknown as Error,
    path: ['clients', index, 'police', ...(error.path ?? []).slice(2)],
    extensions: { ...error.extensions, serviceName: 'police' },
  });
}

function constructedWithoutStack(error: GraphQLFormattedError, index: number): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return asApolloRebuilds(error, index);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

describe('agency errors as the gateway rebuilds them', () => {
  it('are the errors the constructor builds, without a stack trace', () => {
    const rebuilt = ErrorsWithoutStackTraces.holding(FROM_AGENCY).map(asApolloRebuilds);
    FROM_AGENCY.forEach((from, i) => {
      const built = rebuilt[i];
      const constructed = constructedWithoutStack(from, i);
      expect(built).toBeInstanceOf(GraphQLError);
      expect(built).toBeInstanceOf(Error);
      expect(built.toJSON()).toEqual(constructed.toJSON());
      expect(Object.keys(built)).toEqual(Object.keys(constructed));
      expect(String(built)).toBe(String(constructed));
      for (const key of ['message', 'name', 'path', 'locations', 'extensions', 'originalError', 'nodes', 'source', 'positions', 'stack'] as const) {
        expect([key, built[key]]).toEqual([key, constructed[key]]);
      }
      expect(Object.getOwnPropertyDescriptor(built, 'originalError')?.enumerable).toBe(false);
      expect(Object.getOwnPropertyDescriptor(built, 'stack')?.enumerable).toBe(false);
      // Built without the constructor, which makes `name` an own property of every error.
      expect(Object.getOwnPropertyNames(built)).not.toContain('name');
    });
  });

  it('keeps an original stack, and extensions taken from the original error, as the constructor does', () => {
    const original = Object.assign(new Error('inner'), { extensions: { code: 'X' } });
    const [built] = ErrorsWithoutStackTraces.holding([original]).map((error) => new graphql.GraphQLError('outer', { originalError: error }));
    const constructed = new GraphQLError('outer', { originalError: original });
    expect(built.stack).toBe(original.stack);
    expect(built.extensions).toBe(constructed.extensions);
    expect(built.toJSON()).toEqual(constructed.toJSON());
  });

  it('leaves every other form of construction to the constructor', () => {
    const operation = parse('{ client(id: "x") { id } }').definitions[0] as OperationDefinitionNode;
    const [located] = ErrorsWithoutStackTraces.holding([1]).map(() => new graphql.GraphQLError('located', { nodes: [operation] }));
    expect(located.locations).toEqual([{ line: 1, column: 1 }]);
    expect(located.nodes).toEqual([operation]);
  });

  it('puts GraphQLError and stack traces back once the map is over, even when it throws', () => {
    const constructor = graphql.GraphQLError;
    expect(() => ErrorsWithoutStackTraces.holding([1]).map(() => {
      throw new Error('inside');
    })).toThrow('inside');
    expect(graphql.GraphQLError).toBe(constructor);
    expect(graphql.GraphQLError).toBe(GraphQLError);
    expect(new GraphQLError('after').stack).toMatch(/\n\s+at /);
    // Outside the map nothing changes: a plain array's map, and the constructor's own errors.
    const outside = FROM_AGENCY.map(asApolloRebuilds);
    expect(Object.getOwnPropertyNames(outside[0])).toContain('name');
  });
});
