import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
} from 'graphql';
import type { AgencyId } from '../lib/agencies';
import { CATEGORIES, type Category } from '../lib/viewer';

/**
 * What the gateway needs to know of one labelled field: its category and the agency that owns it,
 * the subgraph that resolves it (for an agency of the registry, its id; for any other subgraph,
 * its name in the supergraph).
 */
export interface SensitiveField {
  category: Category;
  agency: AgencyId;
}

/** Labelled fields by `"Type.field"`. */
export type SensitiveFields = ReadonlyMap<string, SensitiveField>;

type FieldHolder = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

function isFieldHolder(node: DefinitionNode): node is FieldHolder {
  return (
    node.kind === Kind.OBJECT_TYPE_DEFINITION ||
    node.kind === Kind.OBJECT_TYPE_EXTENSION ||
    node.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    node.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
}

function isExternal(directive: ConstDirectiveNode): boolean {
  return directive.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value) ?? false;
}

/**
 * The join graphs (enum values such as `PERPETRATOR_PROGRAMS`) named by one kind of join
 * directive; `external` ones only declare a field, they do not resolve it.
 */
function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, name: string): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === name && !isExternal(d))
    .map((d) => argument(d, 'graph'))
    .filter((graph): graph is string => graph !== undefined);
}

/** `join__Graph` enum values to subgraph names, from `@join__graph(name: "youth-care", ...)`. */
function agencyOfGraph(definitions: readonly DefinitionNode[]): Map<string, AgencyId> {
  const byGraph = new Map<string, AgencyId>();
  for (const node of definitions) {
    if (node.kind !== Kind.ENUM_TYPE_DEFINITION || node.name.value !== 'join__Graph') continue;
    for (const value of node.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const agency = name && argument(name, 'name');
      if (!agency) throw new Error(`supergraph: join__Graph.${value.name.value} has no subgraph name`);
      byGraph.set(value.name.value, agency);
    }
  }
  return byGraph;
}

function labelOf(type: string, field: FieldDefinitionNode, typeGraphs: string[], agencies: Map<string, AgencyId>): SensitiveField | undefined {
  const label = field.directives?.find((d) => d.name.value === 'sensitive');
  if (!label) return undefined;
  const category = argument(label, 'category');
  if (!(CATEGORIES as readonly (string | undefined)[]).includes(category)) {
    throw new Error(`${type}.${field.name.value} has an unknown @sensitive category: ${category}`);
  }
  // The field's own resolving graph; a field without one is resolved wherever its type lives. A
  // shared field names its first graph: the error then points at one real owner, never at none.
  const fieldGraphs = graphsOf(field.directives, 'join__field');
  const graph = (fieldGraphs.length > 0 ? fieldGraphs : typeGraphs)[0];
  const agency = graph === undefined ? undefined : agencies.get(graph);
  if (!agency) throw new Error(`${type}.${field.name.value} has no owning subgraph in the supergraph`);
  return { category: category as Category, agency };
}

/**
 * Reads every `@sensitive(category:)` label of the supergraph, with the agency that owns the field
 * (from `@join__field`, else the type's `@join__type`). Built once at gateway start; throws on a
 * label it cannot place, so a gateway never runs with a partial map.
 * @param supergraphSdl - the composed supergraph, `schema/supergraph.graphql`.
 */
export function readSensitiveFields(supergraphSdl: string): SensitiveFields {
  const { definitions } = parse(supergraphSdl);
  const agencies = agencyOfGraph(definitions);
  const fields = new Map<string, SensitiveField>();
  for (const node of definitions) {
    if (!isFieldHolder(node)) continue;
    const typeGraphs = graphsOf(node.directives, 'join__type');
    for (const field of node.fields ?? []) {
      const label = labelOf(node.name.value, field, typeGraphs, agencies);
      if (label) fields.set(`${node.name.value}.${field.name.value}`, label);
    }
  }
  return fields;
}
