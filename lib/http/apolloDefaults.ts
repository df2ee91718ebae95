import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

/**
 * Apollo Server plugins OneRoof turns off in the gateway and in every subgraph, whatever the
 * environment holds:
 * - usage and schema reporting, which Apollo Server starts on its own when it finds an
 *   `APOLLO_KEY`: operations, timings and errors of requests about clients would leave for Apollo's
 *   servers;
 * - cache control, on by default, which asks every plugin before every field resolves to work out a
 *   cache hint: nothing OneRoof answers may be cached (`cache-control: no-store`), and the hook
 *   around each field was a cost per field of every client.
 */
export function apolloDefaultsOff<T extends object>(): ApolloServerPlugin<T>[] {
  return [
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginCacheControlDisabled(),
  ] as ApolloServerPlugin<T>[];
}
