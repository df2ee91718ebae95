import type { GraphQLFormattedError } from 'graphql';

/**
 * Apollo `formatError` for gateway and subgraphs: client-facing errors (with a code of ours or
 * GraphQL's) pass unchanged; anything internal is masked, so no internal message, and no value it
 * might quote, reaches the caller. `internalErrorLogPlugin` logs the cause, by request id.
 */
export function formatError(formatted: GraphQLFormattedError, _error?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return {
    message: 'Internal server error.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(formatted.extensions?.serviceName ? { serviceName: formatted.extensions.serviceName } : {}) },
  };
}

/**
 * The gateway's `formatError` outside production: its own internal errors (a query plan that could
 * not be built or run) keep their message, which names schema elements, never values: a developer
 * sees what failed. Errors of a subgraph (`serviceName`) are masked as in production: they may quote
 * an agency's value, and the data source has already answered them with AGENCY_ERROR.
 */
export function formatErrorRevealingPlans(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && formatted.extensions?.serviceName === undefined) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatError(formatted, error);
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
