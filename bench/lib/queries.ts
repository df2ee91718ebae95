import fs from 'node:fs';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { FILE_FIELDS, PARTNER_AGENCIES } from '../../lib/agencies';
import { SUPERGRAPH_FILE } from '../../schema/compose';

/** `Client`'s agency files, in registry order. */
export const AGENCY_FILES = PARTNER_AGENCIES.map((agency) => FILE_FIELDS[agency]!);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * Every field of an object type, nested objects expanded, read from the committed supergraph so
 * the benchmark asks for whatever the agencies hold today. Fields with arguments are left out.
 */
function selection(type: ObjectTypeDefinitionNode, objects: Map<string, ObjectTypeDefinitionNode>, depth: number): string {
  const fields = (type.fields ?? []).filter((field: FieldDefinitionNode) => (field.arguments ?? []).length === 0);
  return fields
    .map((field) => {
      const nested = objects.get(namedType(field.type));
      if (!nested) return field.name.value;
      return depth > 0 ? `${field.name.value} { ${selection(nested, objects, depth - 1)} }` : '';
    })
    .filter(Boolean)
    .join(' ');
}

/** Each agency file's full selection, e.g. `police { involved since ... interventions { ... } }`. */
export function agencyFilesSelection(supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8')): string {
  const objects = new Map<string, ObjectTypeDefinitionNode>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) objects.set(definition.name.value, definition);
  }
  const client = objects.get('Client');
  if (!client) throw new Error('the supergraph has no Client type');
  return AGENCY_FILES.map((file) => {
    const field = client.fields?.find((f) => f.name.value === file);
    const type = field && objects.get(namedType(field.type));
    if (!type) throw new Error(`Client.${file} is not an object in the supergraph`);
    return `${file} { ${selection(type, objects, 2)} }`;
  }).join('\n    ');
}

/** The unified client view: the FJC's registry data and every agency's file, for one client. */
export function unifiedViewQuery(): string {
  return /* GraphQL */ `query UnifiedView($id: ID!) {
  client(id: $id) {
    id displayName dateOfBirth agencyLinks { agency capacity since }
    ${agencyFilesSelection()}
  }
}`;
}

/** A caseload: the same view for a list of clients at once. */
export function caseloadQuery(): string {
  return /* GraphQL */ `query Caseload($ids: [ID!]!) {
  clients(ids: $ids) {
    id displayName dateOfBirth agencyLinks { agency capacity since }
    ${agencyFilesSelection()}
  }
}`;
}
