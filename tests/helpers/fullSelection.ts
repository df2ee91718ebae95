import { getNamedType, isObjectType, isNonNullType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/** Every field of a type, recursively (arguments with defaults only), up to `depth` levels. */
export function fullSelection(schema: GraphQLSchema, typeName: string, depth = 5): string {
  const walk = (type: GraphQLObjectType, level: number, seen: string[]): string => {
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const named = getNamedType(field.type);
      if (isObjectType(named)) {
        if (level >= depth || seen.includes(named.name)) continue;
        const inner = walk(named, level + 1, [...seen, named.name]);
        if (inner) parts.push(`${field.name} { ${inner} }`);
      } else {
        parts.push(field.name);
      }
    }
    return parts.join(' ');
  };
  return walk(schema.getType(typeName) as GraphQLObjectType, 1, [typeName]);
}
