import fs from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { isAgencyId, type AgencyId } from '../../lib/agencies';
import { CATEGORIES, type Category } from '../../lib/viewer';

/**
 * The labelled part of the unified client view, read straight from the committed supergraph's SDL
 * for tests: which fields `Client` and each agency file hold, their `@sensitive` category, the
 * agency that resolves them, and their nullability. Written independently of the gateway's own
 * reader, so a test built on it checks the gateway rather than repeating it.
 */
export interface LabelledField {
  name: string;
  /** `@sensitive(category:)`; null for an unlabelled field (an agency file itself). */
  category: Category | null;
  /** The agency whose subgraph resolves the field. */
  owner: AgencyId;
  /** `T!` or `[T]!`: a null here nulls the parent. */
  nonNull: boolean;
  /** A list field: its items are completed one by one. */
  list: boolean;
  /** `[T!]`: a null item nulls the whole list. */
  itemNonNull: boolean;
  /** The selectable sub-fields of an object field; null for a leaf (scalar, enum, or a list of them). */
  children: LabelledField[] | null;
  /** A response key a test selects the field under, instead of its name. */
  alias?: string;
  /**
   * A list whose entries are each another owner's fact (the reference directory): the list is
   * bounded by the ceiling alone, and the owner's view passed in holds only the entries released.
   */
  perEntry?: boolean;
}

export const SUPERGRAPH_FILE = path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

function argumentOf(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.ENUM || value.kind === Kind.STRING || value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function directivesNamed(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode[] {
  return (node.directives ?? []).filter((d) => d.name.value === name);
}

function unwrap(type: TypeNode): { named: string; nonNull: boolean; list: boolean; itemNonNull: boolean } {
  const nonNull = type.kind === Kind.NON_NULL_TYPE;
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind === Kind.LIST_TYPE) {
    const item = inner.type;
    const itemNonNull = item.kind === Kind.NON_NULL_TYPE;
    const named = (item.kind === Kind.NON_NULL_TYPE ? item.type : item) as TypeNode;
    if (named.kind !== Kind.NAMED_TYPE) throw new Error('nested lists are not part of the client view');
    return { named: named.name.value, nonNull, list: true, itemNonNull };
  }
  if (inner.kind !== Kind.NAMED_TYPE) throw new Error('unexpected type');
  return { named: inner.name.value, nonNull, list: false, itemNonNull: false };
}

interface Supergraph {
  objects: Map<string, ObjectTypeDefinitionNode>;
  agencyOfGraph: Map<string, AgencyId>;
}

function read(document: DocumentNode): Supergraph {
  const objects = new Map<string, ObjectTypeDefinitionNode>();
  const agencyOfGraph = new Map<string, AgencyId>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) objects.set(definition.name.value, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = directivesNamed(value, 'join__graph').map((d) => argumentOf(d, 'name'))[0];
        if (isAgencyId(name)) agencyOfGraph.set(value.name.value, name);
      }
    }
  }
  return { objects, agencyOfGraph };
}

/** The agency that resolves a field: its non-external `@join__field`, else the type's only `@join__type`. */
function ownerOf(graph: Supergraph, type: ObjectTypeDefinitionNode, field: FieldDefinitionNode): AgencyId {
  const resolving = directivesNamed(field, 'join__field').filter((d) => argumentOf(d, 'external') !== true);
  const graphs = resolving.length > 0 ? resolving : directivesNamed(type, 'join__type');
  const owners = [...new Set(graphs.map((d) => graph.agencyOfGraph.get(String(argumentOf(d, 'graph')))))];
  if (owners.length !== 1 || !owners[0]) throw new Error(`${type.name.value}.${field.name.value}: no single owning agency`);
  return owners[0];
}

function categoryOf(field: FieldDefinitionNode): Category | null {
  const label = directivesNamed(field, 'sensitive').map((d) => argumentOf(d, 'category'))[0];
  if (label === undefined) return null;
  if (!(CATEGORIES as readonly unknown[]).includes(label)) throw new Error(`unknown category ${String(label)}`);
  return label as Category;
}

/**
 * The fields of `typeName` a test may select: labelled leaves, and (while `depth` allows) object
 * fields with their own selectable fields. Fields with arguments are left out: their answer depends
 * on arguments (and, for `Client.consents`, on a stricter FJC-staff-only rule) no oracle here models.
 */
function fieldsOf(graph: Supergraph, typeName: string, depth: number, isSelectable: (f: FieldDefinitionNode, category: Category | null) => boolean): LabelledField[] {
  const type = graph.objects.get(typeName);
  if (!type) throw new Error(`no object type ${typeName}`);
  const fields: LabelledField[] = [];
  for (const field of type.fields ?? []) {
    if ((field.arguments ?? []).length > 0 || directivesNamed(field, 'inaccessible').length > 0) continue;
    const category = categoryOf(field);
    if (!isSelectable(field, category)) continue;
    const shape = unwrap(field.type);
    const object = graph.objects.get(shape.named);
    let children: LabelledField[] | null = null;
    if (object) {
      if (depth === 0) continue;
      children = fieldsOf(graph, shape.named, depth - 1, (_f, c) => c !== null);
      if (children.length === 0) continue;
    }
    const { nonNull, list, itemNonNull } = shape;
    fields.push({ name: field.name.value, category, owner: ownerOf(graph, type, field), nonNull, list, itemNonNull, children });
  }
  return fields;
}

/**
 * The selectable fields of `Client`: its labelled leaves and one level of labelled object and list
 * fields (owned by the FJC), and each agency file (unlabelled, owned by its agency) with the
 * file's labelled leaves and one level of its labelled object and list fields.
 */
export function clientViewFields(sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8')): LabelledField[] {
  const graph = read(parse(sdl));
  const client = graph.objects.get('Client');
  if (!client) throw new Error('no Client type');
  const fileTypes = new Set(
    (client.fields ?? [])
      .filter((f) => categoryOf(f) === null && directivesNamed(f, 'join__field').some((d) => argumentOf(d, 'requires') !== undefined))
      .map((f) => unwrap(f.type).named),
  );
  return fieldsOf(graph, 'Client', 1, (field, category) => category !== null || fileTypes.has(unwrap(field.type).named)).map((field) =>
    field.category === null ? { ...field, children: fieldsOf(graph, unwrap(findField(client, field.name).type).named, 1, (_f, c) => c !== null) } : field,
  );
}

function findField(type: ObjectTypeDefinitionNode, name: string): FieldDefinitionNode {
  const field = (type.fields ?? []).find((f) => f.name.value === name);
  if (!field) throw new Error(`no field ${type.name.value}.${name}`);
  return field;
}
