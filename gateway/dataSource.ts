import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { AgencyId } from '../lib/agencies';
import { Headers } from '../lib/requestContext';
import type { RequestContext } from '../lib/viewer';

export interface AgencyDataSourceOptions {
  agency: AgencyId;
  url: string;
}

/**
 * Calls one agency's subgraph with the caller's own token, purpose, legal-basis headers and request
 * id: the subgraph verifies the token itself and decides what leaves it. Node's fetch keeps
 * connections alive, so each agency is reached over a pooled connection.
 */
export class AgencyDataSource extends RemoteGraphQLDataSource<RequestContext> {
  readonly agency: AgencyId;

  constructor(options: AgencyDataSourceOptions) {
    super({ url: options.url, fetcher: globalThis.fetch as unknown as RemoteGraphQLDataSource['fetcher'] });
    this.agency = options.agency;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<RequestContext>): void {
    const { http } = options.request;
    const context = options.context as Partial<RequestContext>;
    if (!http || !context.viewer) return;
    http.headers.set(Headers.authorization, `Bearer ${context.token}`);
    http.headers.set(Headers.purpose, context.purpose ?? '');
    http.headers.set(Headers.requestId, context.requestId ?? '');
    if (context.conferenceId) http.headers.set(Headers.conferenceId, context.conferenceId);
    if (context.emergencyReason) http.headers.set(Headers.emergencyReason, context.emergencyReason);
  }
}
