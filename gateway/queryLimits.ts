import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimitsConfig } from '../lib/config';
import { multiplierVariables, withCostMultipliers } from './costMultipliers';
import { LimitCode, limitExceeded } from './errors';

export type QueryLimits = Pick<QueryLimitsConfig, 'maxDepth' | 'maxAliases' | 'maxTokens' | 'maxDirectives' | 'maxCost'>;

type Variables = Readonly<Record<string, unknown>> | undefined;

export interface CostEstimate {
  cost: number;
  /** QUERY_TOO_COMPLEX when `cost` is over the limit. */
  refusal?: GraphQLError;
}

export interface QueryLimiter {
  /** A QUERY_TOO_LARGE error when the text has more tokens than allowed; run before anything parses it. */
  checkSize(text: string): GraphQLError | undefined;
  /** The first limit the parsed document exceeds (depth, aliases, directives, cost), if any; the cost with the request's variables. */
  checkShape(schema: GraphQLSchema, document: DocumentNode, variables?: Variables): GraphQLError | undefined;
  /**
   * The estimated cost with the request's variables, and the refusal when it is over the limit: for
   * a document whose shape passed. The gateway also weighs a viewer's requests in flight by it.
   */
  estimateCost(schema: GraphQLSchema, document: DocumentNode, variables?: Variables): CostEstimate;
  /** The variables the cost depends on (lists and page sizes given as variables); none: one cost for every request. */
  costVariables(schema: GraphQLSchema, document: DocumentNode): string[];
}

/**
 * Counts tokens with graphql-js's own lexer and stops one past the limit, so a huge document costs
 * at most `max` tokens of work and is never turned into a tree. A lexical error is left to the
 * parser, which reports it where it is.
 */
function exceedsTokens(text: string, max: number): boolean {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > max) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/** Armor rejects with "Syntax Error: ..."; it is a limit, not a syntax error, and gets its own code. */
function reportAs(code: LimitCode): (context: ValidationContext | null, error: GraphQLError) => void {
  return (context, error) => context?.reportError(limitExceeded(code, error.message.replace(/^Syntax Error: /, '')));
}

/**
 * graphql-armor's depth, alias, directive and cost rules, configured for this schema: fragments are
 * flattened (a fragment is a way of writing, not a level), every alias counts (`__typename` too: a
 * thousand of them cost the planner as much as any field), and the cost counts objects 2 and
 * scalars 1, times 1.5 per level and times the number of items a field stands for (its page size
 * or the length of its list arguments: see `withCostMultipliers`, which writes that number where the
 * cost rule reads it). Armor's plugins are left out: its token limit would run on the text after
 * the field filter, too late, and field suggestions are removed by Apollo and `withoutSuggestions`.
 */
function armorRules(limits: QueryLimits, costFound: (cost: number) => void): { shape: ValidationRule[]; cost: ValidationRule[] } {
  const common = { propagateOnRejection: false, exposeLimits: true };
  const off = { enabled: false };
  const shape = new ApolloArmor({
    blockFieldSuggestion: off,
    maxTokens: off,
    costLimit: off,
    maxDepth: { ...common, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, onReject: [reportAs(LimitCode.QUERY_TOO_DEEP)] },
    maxAliases: { ...common, n: limits.maxAliases, allowList: [], onReject: [reportAs(LimitCode.TOO_MANY_ALIASES)] },
    maxDirectives: { ...common, n: limits.maxDirectives, onReject: [reportAs(LimitCode.TOO_MANY_DIRECTIVES)] },
  }).protect().validationRules;
  const cost = new ApolloArmor({
    blockFieldSuggestion: off, maxTokens: off, maxDepth: off, maxAliases: off, maxDirectives: off,
    costLimit: {
      ...common, maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, flattenFragments: true,
      ignoreIntrospection: true,
      onAccept: [(_context, { n }) => costFound(n)],
      // The rule tells the cost of a refused document only in its message ("... found 23218.75."): the
      // number, without the sentence's full stop.
      onReject: [reportAs(LimitCode.QUERY_TOO_COMPLEX), (_context, error) => costFound(Number(/found (\d+(?:\.\d+)?)/.exec(error.message)?.[1] ?? Infinity))],
    },
  }).protect().validationRules;
  return { shape, cost };
}

/** The order in which limits are reported when a document exceeds several: one error per request. */
const PRIORITY: readonly string[] = [LimitCode.QUERY_TOO_DEEP, LimitCode.TOO_MANY_ALIASES, LimitCode.TOO_MANY_DIRECTIVES, LimitCode.QUERY_TOO_COMPLEX];

/**
 * The gateway's query limits, checked on the client's own document before the field filter and
 * the query planner see it (so the filter's placeholders never count, and nothing over a limit
 * reaches a subgraph).
 */
export function createQueryLimiter(limits: QueryLimits): QueryLimiter {
  // Validation runs synchronously: the rule reports the cost of the document being validated.
  let found = 0;
  const rules = armorRules(limits, (cost) => {
    found = cost;
  });
  const firstOf = (errors: readonly GraphQLError[]) => {
    const rank = (e: GraphQLError) => PRIORITY.indexOf(String(e.extensions.code));
    return errors.filter((e) => rank(e) >= 0).sort((a, b) => rank(a) - rank(b))[0];
  };
  const estimateCost = (schema: GraphQLSchema, document: DocumentNode, variables?: Variables): CostEstimate => {
    found = 0;
    const refusal = firstOf(validate(schema, withCostMultipliers(schema, document, variables), rules.cost, { maxErrors: 10 }));
    return refusal ? { cost: found, refusal } : { cost: found };
  };
  return {
    checkSize(text) {
      if (!exceedsTokens(text, limits.maxTokens)) return undefined;
      return limitExceeded(LimitCode.QUERY_TOO_LARGE, `Token limit of ${limits.maxTokens} exceeded.`);
    },
    checkShape: (schema, document, variables) => firstOf(validate(schema, document, rules.shape, { maxErrors: 10 })) ?? estimateCost(schema, document, variables).refusal,
    estimateCost,
    costVariables: multiplierVariables,
  };
}
