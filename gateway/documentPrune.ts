import { Kind, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

function spreadsIn(node: ASTNode): Set<string> {
  const names = new Set<string>();
  visit(node, {
    FragmentSpread(spread) {
      names.add(spread.name.value);
    },
  });
  return names;
}

function variablesIn(node: ASTNode): Set<string> {
  const names = new Set<string>();
  visit(node, {
    Variable(variable) {
      names.add(variable.name.value);
    },
  });
  return names;
}

function reachableFragments(from: ASTNode, fragments: Map<string, FragmentDefinitionNode>): Set<string> {
  const reached = new Set<string>();
  const pending = [...spreadsIn(from)];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const fragment = fragments.get(name);
    if (reached.has(name) || !fragment) continue;
    reached.add(name);
    pending.push(...spreadsIn(fragment));
  }
  return reached;
}

/**
 * Drops the variable definitions and fragments that only removed fields used: GraphQL validation
 * refuses unused ones, and a filtered operation must stay valid (the variables' values, still
 * sent by the client, are then ignored).
 */
export function pruneUnused(document: DocumentNode): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const used = new Set<string>();
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return definition;
    const reached = reachableFragments(definition, fragments);
    for (const name of reached) used.add(name);
    const variables = variablesIn({ ...definition, variableDefinitions: [] });
    for (const name of reached) for (const variable of variablesIn(fragments.get(name)!)) variables.add(variable);
    const variableDefinitions = definition.variableDefinitions?.filter((v) => variables.has(v.variable.name.value));
    return { ...definition, variableDefinitions };
  });
  return {
    ...document,
    definitions: definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION || used.has(d.name.value)),
  };
}
