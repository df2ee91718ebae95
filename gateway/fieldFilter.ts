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
  type GraphQLSchema,
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
  withheld(parent: GraphQLCompositeType, field: string): SensitiveField | undefined;
}

function createDecider(schema: GraphQLSchema, fields: SensitiveFields, ceiling: ReadonlySet<Category>): Decider {
  return {
    schema,
    withheld(parent, field) {
      // Through an interface the subgraph may answer any implementation's field: the strictest counts.
      const types = [parent, ...(isAbstractType(parent) ? schema.getPossibleTypes(parent) : [])];
      for (const type of types) {
        const label = fields.get(`${type.name}.${field}`);
        if (label && !ceiling.has(label.category)) return label;
      }
      return undefined;
    },
  };
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

/** Replaces every withheld field in the document; returns the placeholder key of each replaced node. */
function removeWithheld(document: DocumentNode, decider: Decider): { document: DocumentNode; placeholders: Map<FieldNode, string> } {
  const typeInfo = new TypeInfo(decider.schema);
  const placeholders = new Map<FieldNode, string>();
  const filtered = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || !decider.withheld(parent, node.name.value)) return undefined;
        const key = `${PLACEHOLDER_PREFIX}${placeholders.size}`;
        placeholders.set(node, key);
        return placeholder(node, key);
      },
    }),
  );
  return { document: filtered, placeholders };
}

interface Walk {
  decider: Decider;
  placeholders: Map<FieldNode, string>;
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
      const segment = { key: responseKey(selection), type: String(definition.type) };
      const placeholder = walk.placeholders.get(selection);
      const label = walk.decider.withheld(parent, selection.name.value);
      if (placeholder !== undefined && label) {
        const removed = { path: [...path, segment], placeholder, parentType: parent.name, ...label };
        walk.removed.set(JSON.stringify([removed.path, placeholder]), removed);
        continue;
      }
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
  const { document: filtered, placeholders } = removeWithheld(document, decider);
  if (placeholders.size === 0) return { document, removed: [] };
  const walk: Walk = { decider, placeholders, fragments: new Map(), removed: new Map() };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) walk.fragments.set(definition.name.value, definition);
  }
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (operation && root) collect(walk, operation.selectionSet, root, [], []);
  return { document: pruneUnused(filtered), removed: [...walk.removed.values()] };
}
