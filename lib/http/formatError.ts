import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { log } from '../log';

/**
 * Apollo `formatError` for gateway and subgraphs: client-facing errors (with a code of ours or
 * GraphQL's) pass unchanged; anything internal is logged by class and masked, so no internal
 * message, and no value it might quote, reaches the caller.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const cause = unwrapResolverError(error);
  log.error('internal error', { kind: cause instanceof Error ? cause.name : typeof cause, path: formatted.path?.join('.') });
  return {
    message: 'Internal server error.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(formatted.extensions?.serviceName ? { serviceName: formatted.extensions.serviceName } : {}) },
  };
}

/** graphql-js's "Did you mean ...?" hints, which spell out the schema to whoever guesses at it. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Removes field, argument, type and enum-value suggestions from an already formatted error
 * (production: with introspection off, suggestions would otherwise reveal the schema piece by piece).
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}
