import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { isCategory, type Category } from './protocol';

/**
 * The subgraph's SDL as the suite reads it (`_service { sdl }`): object types with their
 * definitions and extensions merged, enums and scalars, and the schema's own directives.
 */
export interface SdlModel {
  document: DocumentNode;
  objects: Map<string, { directives: ConstDirectiveNode[]; fields: FieldDefinitionNode[] }>;
  leaves: Set<string>;
  schemaDirectives: ConstDirectiveNode[];
}

/** One selectable field of the agency's part of `Client`, as the suite asks for it and walks the answer. */
export interface FieldShape {
  name: string;
  /** `Type.field`, as disclosure records name released fields. */
  coordinate: string;
  category: Category | null;
  nonNull: boolean;
  list: boolean;
  /** Sub-selection of an object field; null for a leaf. */
  children: FieldShape[] | null;
}

const BUILT_IN_SCALARS = ['String', 'Int', 'Float', 'Boolean', 'ID'];

export function readSdl(sdl: string): SdlModel {
  const document = parse(sdl);
  const objects: SdlModel['objects'] = new Map();
  const leaves = new Set(BUILT_IN_SCALARS);
  const schemaDirectives: ConstDirectiveNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const entry = objects.get(definition.name.value) ?? { directives: [], fields: [] };
      entry.directives.push(...(definition.directives ?? []));
      entry.fields.push(...(definition.fields ?? []));
      objects.set(definition.name.value, entry);
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION || definition.kind === Kind.SCALAR_TYPE_DEFINITION) {
      leaves.add(definition.name.value);
    } else if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      schemaDirectives.push(...(definition.directives ?? []));
    }
  }
  return { document, objects, leaves, schemaDirectives };
}

/** A directive applied to a node, under its own name or the Federation namespace (`@federation__requires`). */
export function directive(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined {
  return (node.directives ?? []).find((d) => d.name.value === name || d.name.value === `federation__${name}`);
}

/** A directive argument's value when it is a string, enum or boolean literal. */
export function argument(node: ConstDirectiveNode | undefined, name: string): string | boolean | undefined {
  const value = node?.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM || value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

export function unwrap(type: TypeNode): { named: string; nonNull: boolean; list: boolean } {
  const nonNull = type.kind === Kind.NON_NULL_TYPE;
  const outer = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  let inner: TypeNode = outer;
  while (inner.kind !== Kind.NAMED_TYPE) inner = inner.type;
  return { named: inner.name.value, nonNull, list: outer.kind === Kind.LIST_TYPE };
}

/** The `@sensitive(category:)` of a field: the category, `null` when unlabelled, `'INVALID'` for an unknown one. */
export function categoryOf(field: FieldDefinitionNode): Category | null | 'INVALID' {
  const label = (field.directives ?? []).find((d) => d.name.value === 'sensitive');
  if (!label) return null;
  const value = argument(label, 'category');
  return isCategory(value) ? value : 'INVALID';
}

/** Fields a client can select without arguments: no argument, or only ones with defaults or nullable. */
function selectable(field: FieldDefinitionNode): boolean {
  if (directive(field, 'inaccessible') || directive(field, 'external')) return false;
  return (field.arguments ?? []).every((a) => a.defaultValue !== undefined || a.type.kind !== Kind.NON_NULL_TYPE);
}

export interface ShapeOptions {
  /** Levels of object fields to follow; default 4. */
  depth?: number;
  /** Which fields of the top type to take; default every selectable one. */
  keep?: (field: FieldDefinitionNode, model: SdlModel) => boolean;
}

/**
 * Every field of `typeName` a request can select without arguments, with their sub-selections:
 * what the suite asks for in full. Fields that lead to another entity (`Client`) are left out.
 */
export function shapeOf(model: SdlModel, typeName: string, options: ShapeOptions = {}, seen: string[] = []): FieldShape[] {
  const type = model.objects.get(typeName);
  if (!type || seen.includes(typeName)) return [];
  const depth = options.depth ?? 4;
  const shapes: FieldShape[] = [];
  for (const field of type.fields) {
    if (!selectable(field) || (options.keep && !options.keep(field, model))) continue;
    const { named, nonNull, list } = unwrap(field.type);
    const category = categoryOf(field);
    const base = { name: field.name.value, coordinate: `${typeName}.${field.name.value}`, category: category === 'INVALID' ? null : category, nonNull, list };
    if (model.leaves.has(named)) {
      shapes.push({ ...base, children: null });
      continue;
    }
    if (named === 'Client' || depth === 0) continue;
    const children = shapeOf(model, named, { depth: depth - 1 }, [...seen, typeName]);
    if (children.length > 0) shapes.push({ ...base, children });
  }
  return shapes;
}

/** The selection set text of shapes: `a b { c }`. */
export function selectionOf(shapes: readonly FieldShape[]): string {
  return shapes.map((s) => (s.children ? `${s.name} { ${selectionOf(s.children)} }` : s.name)).join(' ');
}

/** Every category the shapes carry, in protocol order. */
export function categoriesIn(shapes: readonly FieldShape[]): Category[] {
  const found = new Set<Category>();
  const visit = (list: readonly FieldShape[]) => {
    for (const s of list) {
      if (s.category) found.add(s.category);
      if (s.children) visit(s.children);
    }
  };
  visit(shapes);
  return [...found];
}

/** A partner's file field: the field of `Client` that `@requires(fields: "accessAssertion")`. */
export function fileFields(model: SdlModel): FieldDefinitionNode[] {
  return (model.objects.get('Client')?.fields ?? []).filter((f) => argument(directive(f, 'requires'), 'fields') === 'accessAssertion');
}

/** The one field a subgraph adds to an entity besides its key fields (its audit list, its figures). */
export function ownFieldOf(model: SdlModel, typeName: string, keys: readonly string[]): FieldDefinitionNode | undefined {
  const fields = (model.objects.get(typeName)?.fields ?? []).filter((f) => !keys.includes(f.name.value) && !directive(f, 'external') && !directive(f, 'inaccessible'));
  return fields.length === 1 ? fields[0] : undefined;
}
