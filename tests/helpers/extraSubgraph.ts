import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createGraphQLHandler } from '../../lib/http/graphqlHttpServer';
import { composeSupergraph } from '../../schema/compose';
import type { InProcessExtra } from './inProcess';

/**
 * A subgraph the registry does not list, as a partner running its own system elsewhere would add
 * to a supergraph: an outside partner with its file on `Client`. It makes no decisions of
 * its own here: the tests that use it are about what the gateway does with a name it does not know.
 */
export const EXTRA_NAME = 'outside-partner';

const SENSITIVE = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'sensitive.graphql'), 'utf8');

export const EXTRA_TYPE_DEFS = parse(/* GraphQL */ `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  @link(url: "https://oneroof.dev/sensitive/v1.0", import: ["@sensitive"])
  @composeDirective(name: "@sensitive")

type Client @key(fields: "id") {
  id: ID!
  "The outside partner's file."
  outsidePartner: OutsidePartnerFile
}

type OutsidePartnerFile {
  involved: Boolean! @sensitive(category: INVOLVEMENT)
  sessions: Int @sensitive(category: SAFETY)
}
${SENSITIVE}`);

/** The supergraph of every registered agency plus the outside partner's subgraph at `url`. */
export function supergraphWith(url: string): string {
  return composeSupergraph(4001, [{ name: EXTRA_NAME, url, typeDefs: EXTRA_TYPE_DEFS }]);
}

/**
 * The outside partner's subgraph in process: every client has had three sessions.
 * @param delayMs - how long each answer takes; default none.
 */
export async function outsidePartnerSubgraph(delayMs = 0): Promise<InProcessExtra & { stop(): Promise<void> }> {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: EXTRA_TYPE_DEFS,
      resolvers: { Client: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, outsidePartner: { involved: true, sessions: 3 } }) } } as never,
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const handle = createGraphQLHandler({ apollo, context: async () => ({}) });
  // Answers the gateway gave up on are still running: stop only once they are done.
  const pending = new Set<Promise<unknown>>();
  return {
    name: EXTRA_NAME,
    typeDefs: EXTRA_TYPE_DEFS,
    handle: (request) => {
      const answer = (async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return handle(request);
      })();
      pending.add(answer);
      void answer.finally(() => pending.delete(answer)).catch(() => undefined);
      return answer;
    },
    stop: async () => {
      await Promise.allSettled([...pending]);
      await apollo.stop();
    },
  };
}
