import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { log } from '../log';

/**
 * The first words of messages that name a cause and never a value: graphql-js's own (whose values
 * come after a colon, cut off here) and SQLite's. Anything else is logged by its class only: an
 * internal message may quote a field value, and logs hold ids and decisions only.
 */
const SAFE_CAUSES = [
  /^Enum "\w+" cannot represent value/,
  /^(Int|Float|String|Boolean|ID) cannot represent ([\w-]+ )*value/,
  /^Abstract type "\w+" must resolve to an Object type at runtime for field "[\w.]+"/,
  /^Cannot return null for non-nullable field \w+\.\w+/,
  /^Expected Iterable, but did not find one for field "[\w.]+"/,
  /^(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed/,
  /^no such (table|column): \w+/,
  /^database is locked/,
];

/** A loggable cause of an internal error: a SQLite code, a known message's first words, or the error's class. */
export function causeOf(error: unknown): string {
  // Read by shape, not `instanceof`: an error may come from another realm (a native module's, a test runner's).
  const original = ((error as GraphQLError | null)?.originalError ?? error) as { code?: unknown; message?: unknown; name?: unknown } | null;
  const isObject = typeof original === 'object' && original !== null;
  const sqliteCode = isObject ? original.code : undefined;
  const message = isObject && typeof original.message === 'string' ? original.message : '';
  const known = SAFE_CAUSES.map((pattern) => pattern.exec(message)?.[0]).find((match) => match !== undefined);
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) return known ? `${sqliteCode}: ${known}` : sqliteCode;
  return known ?? (isObject && typeof original.name === 'string' ? original.name : typeof original);
}

function isInternal(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return code === undefined || code === 'INTERNAL_SERVER_ERROR';
}

/**
 * Logs every error a request answers without a code of ours, with the request id, the place
 * (response path: field names and list indexes) and `causeOf`: what an operator needs to find a
 * fault, matched across gateway and agency by request id. The response itself is masked by
 * `formatError`.
 * @param service - the agency (subgraphs) or `gateway`.
 */
export function internalErrorLogPlugin(service: string): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isInternal(error)) continue;
            log.error('internal error', { requestId: contextValue.requestId, agency: service, path: error.path?.join('.'), cause: causeOf(error) });
          }
        },
      };
    },
  };
}
