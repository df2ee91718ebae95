import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AgencyId } from '../lib/agencies';

/**
 * The gateway's own refusals of a request as a whole, beside the codes of lib/errors.ts (all in docs/interface.md, Error codes): each limit
 * has its own code so a client can tell which one it hit. All are answered with HTTP 400, before
 * anything is planned or sent to a subgraph. Below them: a call not sent because the request
 * reached its share of entities (TOO_MANY_ENTITIES, in a 200 answer), and a viewer with too many
 * requests at once (TOO_MANY_REQUESTS, 429).
 */
export const LimitCode = {
  /** More lexical tokens than `ONEROOF_MAX_TOKENS`; counted before the document is parsed. */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** Nesting deeper than `ONEROOF_MAX_DEPTH`. */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** More aliases than `ONEROOF_MAX_ALIASES`. */
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  /** More directives than `ONEROOF_MAX_DIRECTIVES`. */
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  /** An estimated cost above `ONEROOF_MAX_COST`. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** @param message - names the limit and what was found; never echoes the query. */
export function limitExceeded(code: LimitCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * A subgraph call the gateway did not send because the request had already sent its share of
 * entities to the agencies (`ONEROOF_MAX_FANOUT`): the fields it would have answered are `null`,
 * the rest of the answer stands. Nothing was asked of the agency.
 */
export function tooManyEntities(agency: AgencyId, limit: number): GraphQLError {
  return new GraphQLError(`This request reached more agency records than one request may (${limit}): ask for fewer at once.`, {
    extensions: { code: 'TOO_MANY_ENTITIES', agency, limit },
  });
}

/** Seconds a client told TOO_MANY_REQUESTS should wait before it asks again. */
export const RETRY_AFTER_SECONDS = 1;

/** 429: this viewer already has as many requests running and waiting as the gateway allows. */
export function tooManyRequests(): GraphQLError {
  // Apollo sets the headers of a Map; the typing of `extensions.http` seen here is graphql-yoga's (bench).
  const headers = new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) as unknown as Record<string, string>;
  return new GraphQLError('Too many of your requests are running at once: wait for them, then ask again.', {
    extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429, headers } },
  });
}
