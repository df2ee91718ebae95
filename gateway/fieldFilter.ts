import {
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  isUnionType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';
import type { AgencyId } from '../lib/agencies';
import type { Category } from '../lib/viewer';
import { pruneUnused } from './documentPrune';
import type { SensitiveField, SensitiveFields } from './sensitiveFields';

/** One step of a response path: a response key (alias or name) and the field's declared type, e.g. `[Client!]!`. */
export interface PathSegment {
  key: string;
  type: string;
}

/** A field the gateway took out of the operation, and where its answer belongs in the response. */
export interface RemovedField {
  /** From the operation root to the removed field itself; list positions are expanded later, on the data. */
  path: PathSegment[];
  /** The response key of the `__typename` that stands in for the field in the filtered operation. */
  placeholder: string;
  /** The type the field was selected on (a type condition's, inside a fragment). */
  parentType: string;
  category: Category;
  agency: AgencyId;
}

export interface FilterResult {
  /** The document the query planner may see: the same object when nothing was removed. */
  document: DocumentNode;
  /** The removed fields of the selected operation, each once per place it answers. */
  removed: RemovedField[];
}

/** Decides fields by `Type.field` only, so one decision holds wherever a fragment is spread. */
interface Decider {
  schema: GraphQLSchema;
  /** The label of `field` on an object type (its own, or its interfaces') when it lies above the ceiling. */
  withheldOn(type: GraphQLObjectType, field: string): SensitiveField | undefined;
}

function createDecider(schema: GraphQLSchema, fields: SensitiveFields, ceiling: ReadonlySet<Category>): Decider {
  return {
    schema,
    withheldOn(type, field) {
      for (const holder of [type, ...type.getInterfaces()]) {
        const label = fields.get(`${holder.name}.${field}`);
        if (label && !ceiling.has(label.category)) return label;
      }
      return undefined;
    },
  };
}

/** The object types a field selected on `parent` may answer for: the parent itself, or its possible types. */
function objectTypesOf(schema: GraphQLSchema, parent: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
}

const responseKey = (field: FieldNode): string => field.alias?.value ?? field.name.value;

/** Reserved response-key prefix of placeholders; neither the field's name nor its alias reaches a subgraph. */
const PLACEHOLDER_PREFIX = 'oneroof_withheld_';

/**
 * Stands in for a removed field where it stood: `oneroof_withheld_N: __typename` never leaves a
 * selection set empty, keeps `@skip`/`@include`, holds the field's place in the response's key
 * order, and answers (with the parent's type name) exactly where the field's selection applied.
 */
function placeholder(field: FieldNode, key: string): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: key },
    name: { kind: Kind.NAME, value: '__typename' },
    directives: field.directives,
  };
}

/** Where one selected field was replaced: each object type it is withheld for, with its placeholder. */
type Replacements = Map<FieldNode, { type: GraphQLObjectType; key: string; label: SensitiveField }[]>;

const inlineOn = (type: GraphQLObjectType, field: FieldNode): InlineFragmentNode => ({
  kind: Kind.INLINE_FRAGMENT,
  typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
  selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
});

/**
 * Replaces every withheld field in the document. On an object type the field becomes its
 * placeholder. Through an interface (or where several object types may answer), the field is split
 * by object type: `... on A { placeholder }` where A's field is withheld, `... on B { field }` where
 * B's is not, so B answers everything the client asked of it, however other selections of the same
 * key overlap, and A answers null with FORBIDDEN: no requested key can go missing.
 */
function removeWithheld(document: DocumentNode, decider: Decider): { document: DocumentNode; replacements: Replacements } {
  const typeInfo = new TypeInfo(decider.schema);
  const replacements: Replacements = new Map();
  let count = 0;
  const filtered = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value === '__typename') return undefined;
        const types = objectTypesOf(decider.schema, parent);
        const withheld = types.flatMap((type) => {
          const label = decider.withheldOn(type, node.name.value);
          return label ? [{ type, label, key: `${PLACEHOLDER_PREFIX}${count++}` }] : [];
        });
        if (withheld.length === 0) return undefined;
        replacements.set(node, withheld);
        if (!isAbstractType(parent)) return placeholder(node, withheld[0]!.key);
        // Split by object type; the kept parts are left as they are (visit does not enter replacements).
        return inlineSplit(node, types, withheld);
      },
    }),
  );
  return { document: filtered, replacements };
}

/** `... { ... on A { placeholder } ... on B { field } }`: a fragment without condition applies wherever the field did. */
function inlineSplit(node: FieldNode, types: readonly GraphQLObjectType[], withheld: { type: GraphQLObjectType; key: string }[]): InlineFragmentNode {
  const selections = types.map((type) => {
    const replaced = withheld.find((w) => w.type === type);
    return inlineOn(type, replaced ? placeholder(node, replaced.key) : node);
  });
  return { kind: Kind.INLINE_FRAGMENT, selectionSet: { kind: Kind.SELECTION_SET, selections } };
}

interface Walk {
  decider: Decider;
  replacements: Replacements;
  fragments: Map<string, FragmentDefinitionNode>;
  removed: Map<string, RemovedField>;
}

/** Records the response path of every removed field under one selection set, per fragment use. */
function collect(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: PathSegment[], spreading: string[]): void {
  const { schema } = walk.decider;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const definition = isUnionType(parent) ? undefined : parent.getFields()[selection.name.value];
      if (!definition) continue; // __typename and introspection meta fields carry no person data
      const replaced = walk.replacements.get(selection) ?? [];
      for (const { type, key, label } of replaced) {
        const removed = { path: [...path, { key: responseKey(selection), type: String(type.getFields()[selection.name.value]!.type) }], placeholder: key, parentType: type.name, ...label };
        walk.removed.set(JSON.stringify([removed.path, key]), removed);
      }
      // Withheld for every object type that may answer it: nothing below it is asked.
      if (replaced.length === objectTypesOf(schema, parent).length) continue;
      const segment = { key: responseKey(selection), type: String(definition.type) };
      const named = getNamedType(definition.type);
      if (selection.selectionSet && isCompositeType(named)) collect(walk, selection.selectionSet, named, [...path, segment], spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) collect(walk, selection.selectionSet, type, path, spreading);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment && schema.getType(fragment.typeCondition.name.value);
      if (fragment && type && isCompositeType(type) && !spreading.includes(name)) {
        collect(walk, fragment.selectionSet, type, path, [...spreading, name]);
      }
    }
  }
}

/**
 * Takes every field above the viewer's ceiling out of a parsed, validated operation, before the
 * query planner sees it: each one becomes a placeholder `__typename`, so no subgraph is ever asked
 * for it. Fields are decided by `Type.field` alone, so the whole document (every operation and
 * fragment) is filtered; response paths are reported for the selected operation.
 * @param schema - the schema the document was validated against (the gateway's API schema).
 * @param fields - the labels of the supergraph, from `readSensitiveFields`.
 * @param ceiling - the categories the viewer's roles and purpose may reach, from `ceilingOf`.
 * @param operationName - selects the operation, as in the request; needed only with several.
 */
export function filterOperation(
  document: DocumentNode,
  schema: GraphQLSchema,
  fields: SensitiveFields,
  ceiling: ReadonlySet<Category>,
  operationName?: string,
): FilterResult {
  const decider = createDecider(schema, fields, ceiling);
  const { document: filtered, replacements } = removeWithheld(document, decider);
  if (replacements.size === 0) return { document, removed: [] };
  const walk: Walk = { decider, replacements, fragments: new Map(), removed: new Map() };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) walk.fragments.set(definition.name.value, definition);
  }
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (operation && root) collect(walk, operation.selectionSet, root, [], []);
  return { document: pruneUnused(filtered), removed: [...walk.removed.values()] };
}
