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

  it('is, located, what GraphQLError\'s constructor would build, without a stack trace', () => {
    const text = '{ client(id: "x") {\n  mentalHealth { inCare since } } }';
    const operation = parse(text).definitions[0] as OperationDefinitionNode;
    const file = (operation.selectionSet.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode;
    for (const node of file.selectionSet!.selections as FieldNode[]) {
      const path = ['client', 'mentalHealth', node.name.value];
      const built = withheld(DETAILS, { nodes: [node], path });
      const constructed = new GraphQLError('This field is withheld.', { nodes: [node], path, extensions: { ...DETAILS } });
      expect(Object.getPrototypeOf(Object.getPrototypeOf(built))).toBe(GraphQLError.prototype);
      expect(built.toJSON()).toEqual(constructed.toJSON());
      expect(Object.keys(built)).toEqual(Object.keys(constructed));
      expect(String(built)).toBe(String(constructed));
      expect([built.name, built.nodes, built.originalError]).toEqual([constructed.name, constructed.nodes, constructed.originalError]);
      expect(built.stack ?? '').not.toMatch(/\n\s+at /);
      // a second error at the same place gets the same locations, read once
      expect(withheld(DETAILS, { nodes: [node], path }).locations).toEqual(constructed.locations);
    }
  });

  it('leaves stack traces of every other error as they were', () => {
    withheld(DETAILS);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});
