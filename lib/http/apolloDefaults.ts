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

/**
 * Apollo Server options OneRoof sets in the gateway and in every subgraph.
 * `stopOnTerminationSignals: false`: outside tests Apollo Server adds its own SIGINT and SIGTERM
 * handlers, which stop it at once (in-flight operations fail) and then raise the signal again once
 * they have removed themselves. OneRoof's processes handle those signals themselves: the gateway
 * lets requests in flight finish within its grace period, an agency finishes its requests and their
 * disclosure records (gateway/index.ts, lib/kit/agency/runAgency.ts). With Apollo's handlers an
 * agency was killed by the raised signal in the middle of that, and the gateway took the raised
 * signal for a second one and stopped waiting.
 */
export const APOLLO_SERVER_OPTIONS = { stopOnTerminationSignals: false } as const;
