import path from 'node:path';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';

/**
 * `@apollo/gateway` turns the client's operation into `@apollo/federation-internals`' own model
 * (`operationFromDocument`) at the start of every execution, although the operation's document is
 * the one Apollo Server keeps parsed and validated per query text and the gateway plans once per
 * operation: about a twentieth of the gateway's CPU for every unified view, redone identically.
 * This keeps the model beside the document it was built from: the same operation node, with the
 * same fragment nodes, against the same schema, gives the same model. The model is only read
 * (its selections, variable definitions and defaults) by the executor and the result shaping.
 *
 * Only the executor's call is kept (`validate: false`, no operation name: a document of one
 * operation and its fragments); the planner's, and any other, go through unchanged. Documents are
 * held weakly, so a document Apollo Server drops from its cache takes its model with it.
 */
interface Operations {
  operationFromDocument: (schema: object, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => unknown;
}

interface Kept {
  fragments: readonly FragmentDefinitionNode[];
  model: unknown;
}

const models = new WeakMap<object, WeakMap<OperationDefinitionNode, Kept>>();
/** Counters for the test that fails should `@apollo/gateway` stop calling the function kept here. */
export const operationModelStats = { built: 0, reused: 0 };

function sameFragments(a: readonly FragmentDefinitionNode[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((fragment, i) => fragment === b[i]);
}

let installed = false;

/**
 * Installs the cache in the copy of `@apollo/federation-internals` that `@apollo/gateway` itself
 * loads (it reads the function from that module on every call). Idempotent.
 */
export function keepOperationModels(): void {
  if (installed) return;
  installed = true;
  const file = require.resolve('@apollo/federation-internals/dist/operations', { paths: [path.dirname(require.resolve('@apollo/gateway'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module object @apollo/gateway reads
  const operations = require(file) as Operations;
  const build = operations.operationFromDocument;
  operations.operationFromDocument = (schema, document, options) => {
    const [operation, ...rest] = document.definitions;
    if (options?.validate !== false || options.operationName !== undefined || operation?.kind !== 'OperationDefinition') return build(schema, document, options);
    let bySchema = models.get(schema);
    if (!bySchema) models.set(schema, (bySchema = new WeakMap()));
    const kept = bySchema.get(operation);
    if (kept && sameFragments(kept.fragments, rest)) {
      operationModelStats.reused += 1;
      return kept.model;
    }
    const model = build(schema, document, options);
    operationModelStats.built += 1;
    if (rest.every((definition) => definition.kind === 'FragmentDefinition')) bySchema.set(operation, { fragments: rest as FragmentDefinitionNode[], model });
    return model;
  };
}
