import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AgencyId } from '../../agencies';
import { requestAbandoned } from '../../errors';
import type { RequestContext } from '../../viewer';

/**
 * Wraps every field of the subgraph, root fields and `_entities` included: once the request's scope
 * has expired (the gateway's deadline passed, by the clock, or it closed the connection) no resolver
 * runs any more, so no store is read and no decision is taken for an answer nobody will receive.
 * The clock is read because a long execution gives the deadline's timer no chance to fire. Each
 * field costs one check while the request lives.
 */
export function stopWhenAbandoned(schema: GraphQLSchema, agency: AgencyId): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        if (context.scope?.expired()) throw requestAbandoned(agency);
        return resolve(source, args, context, info);
      };
    }
  }
}
