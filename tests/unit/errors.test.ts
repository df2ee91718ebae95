import { GraphQLError, Kind, locatedError, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { withheld } from '../../lib/errors';

const DETAILS = {
  code: 'CONSENT_REQUIRED', category: 'HEALTH', agency: 'mental-health', reason: 'NO_BASIS',
  remedy: { kind: 'CONSENT', category: 'HEALTH', grantee: 'fjc', purpose: 'CASE_MANAGEMENT' },
} as const;

describe('the error of a withheld field', () => {
  it('is a GraphQLError with the contract code and details, and no stack frames to format', () => {
    const error = withheld(DETAILS);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('This field is withheld.');
    expect(error.extensions).toEqual(DETAILS);
    expect(error.stack).toBe('GraphQLError: This field is withheld.');
  });

  it('comes located when thrown by a resolver, so graphql-js answers it as it is, with its locations and path', () => {
    const operation = parse('{ client(id: "x") { mentalHealth { inCare } } }').definitions[0] as OperationDefinitionNode;
    const client = operation.selectionSet.selections[0] as FieldNode;
    const file = client.selectionSet!.selections[0] as FieldNode;
    const node = file.selectionSet!.selections[0] as FieldNode;
    expect(node.kind).toBe(Kind.FIELD);
    const path = ['client', 'mentalHealth', 'inCare'];
    const error = withheld(DETAILS, { nodes: [node], path });
    expect(locatedError(error, [node], path)).toBe(error);
    expect(error.toJSON()).toEqual({ message: 'This field is withheld.', locations: [{ line: 1, column: 36 }], path, extensions: DETAILS });
  });

  it('leaves stack traces of every other error as they were', () => {
    withheld(DETAILS);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});
