import {
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

/**
 * The largest page any field of this schema serves (`cases(first:)` 1-500; `searchClients` 1-100,
 * `myConferences` 1-200). A larger `first` is refused by the owning subgraph as BAD_USER_INPUT
 * before it reads anything, so it costs no more than this: the estimate clamps it here.
 */
export const MAX_PAGE_SIZE = 500;

type Variables = Readonly<Record<string, unknown>> | undefined;

function isListArgument(type: GraphQLInputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function isPageSize(argument: GraphQLArgument): boolean {
  return argument.name === 'first' || argument.name === 'last';
}

/** How many items one value of an argument stands for: a list's length, a page size, else 1. */
function countOf(value: unknown, pageSize: boolean): number {
  if (pageSize) return typeof value === 'number' && Number.isInteger(value) && value > 1 ? Math.min(value, MAX_PAGE_SIZE) : 1;
  return Array.isArray(value) ? Math.max(value.length, 1) : 1;
}

/** The variables' values with the operation's own defaults filled in. */
function withDefaults(document: DocumentNode, variables: Variables): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) values[variable.variable.name.value] = valueFromASTUntyped(variable.defaultValue);
    }
  }
  return { ...values, ...variables };
}

/**
 * Rewrites (or just visits) every field that selects objects, handing `multiply` the field's
 * arguments that multiply it, as the schema defines them, each with the node the client wrote
 * (`undefined`: the argument's default applies).
 */
function eachMultipliedField(
  schema: GraphQLSchema,
  document: DocumentNode,
  multiply: (field: FieldNode, multiplying: [GraphQLArgument, ArgumentNode | undefined][]) => FieldNode | undefined,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const definition = typeInfo.getFieldDef();
      if (!definition || !node.selectionSet) return undefined;
      const multiplying = definition.args.filter((a) => isPageSize(a) || isListArgument(a.type));
      return multiply(node, multiplying.map((a) => [a, node.arguments?.find((given) => given.name.value === a.name)]));
    },
  }));
}

/**
 * The variables whose values change the estimate (a list or page size given as `$variable`); a
 * document without any is costed once for all requests.
 */
export function multiplierVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  eachMultipliedField(schema, document, (_field, multiplying) => {
    for (const [, given] of multiplying) if (given?.value.kind === Kind.VARIABLE) names.add(given.value.name.value);
    return undefined;
  });
  return [...names];
}

/**
 * The document as graphql-armor's cost rule should see it. The rule multiplies a field that selects
 * objects by a literal `first:`/`last:` only; here every such field gets one literal `first:` with
 * the number of items it stands for: the largest of its page size (clamped at `MAX_PAGE_SIZE`) and
 * the lengths of its list arguments (`clients(ids: [...])`), each read from the literal, the
 * request's variables or the schema's default. So 500 ids cost as a page of 500, however given.
 * Only the cost rule may see this document: its arguments no longer match the schema.
 */
export function withCostMultipliers(schema: GraphQLSchema, document: DocumentNode, variables: Variables): DocumentNode {
  const values = withDefaults(document, variables);
  const valueOf = (node: ValueNode): unknown => (node.kind === Kind.VARIABLE ? values[node.name.value] : node.kind === Kind.LIST ? node.values : valueFromASTUntyped(node));
  return eachMultipliedField(schema, document, (field, multiplying) => {
    const count = Math.max(1, ...multiplying.map(([argument, given]) => countOf(given ? valueOf(given.value) : argument.defaultValue, isPageSize(argument))));
    const first: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: String(count) } };
    return { ...field, arguments: count > 1 ? [first] : [] };
  });
}
