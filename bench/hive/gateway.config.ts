import { defineConfig } from '@graphql-hive/gateway';

/** The headers every OneRoof subgraph reads (docs/interface.md, Headers): the user's token, purpose and legal bases. */
const FORWARDED = ['authorization', 'x-purpose-of-use', 'x-request-id', 'x-conference-id', 'x-emergency-reason'];

/**
 * Hive Gateway in front of OneRoof's subgraphs, for the peer comparison of `npm run bench`
 * (`hive-gateway supergraph <file> --config-path bench/hive/gateway.config.ts`), with Hive's
 * default JavaScript planner. It forwards the caller's identity headers as OneRoof's gateway does;
 * it has no ceiling filter and does not sign, so the subgraphs (development, signatures not
 * required) enforce the whole policy themselves. `rustPlanner.config.ts` is the same with Hive
 * Router's Rust query planner.
 */
export const forwardingConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) =>
      Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name)]).filter(([, value]) => value !== null)),
  },
  logging: 'warn',
} as const;

export const gatewayConfig = defineConfig(forwardingConfig);
