import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { AgencyId } from '../lib/agencies';
import { GATEWAY_SIGNATURE_HEADER, type GatewaySigner } from '../lib/auth/gatewaySignature';
import { Headers } from '../lib/requestContext';
import type { RequestContext } from '../lib/viewer';

export interface AgencyDataSourceOptions {
  agency: AgencyId;
  url: string;
  /** Signs every subgraph request (method, exact body, request id, time) for this agency. */
  signer?: GatewaySigner;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Node's fetch, signing the exact bytes it sends: the subgraph checks the signature against the
 * body it receives, so a captured request cannot be altered, replayed or sent to another agency.
 */
function signingFetcher(agency: AgencyId, signer: GatewaySigner): Fetcher {
  const fetcher = async (url: string, init: { method?: string; body?: string; headers?: Record<string, string> }) => {
    const headers = { ...init.headers };
    headers[GATEWAY_SIGNATURE_HEADER] = await signer.sign({
      method: init.method ?? 'POST',
      body: init.body ?? '',
      requestId: headers[Headers.requestId] ?? '',
      audience: agency,
    });
    return globalThis.fetch(url, { ...init, headers });
  };
  return fetcher as unknown as Fetcher;
}

/**
 * Calls one agency's subgraph with the caller's own token, purpose, legal-basis headers and request
 * id: the subgraph verifies the token itself and decides what leaves it. Node's fetch keeps
 * connections alive, so each agency is reached over a pooled connection.
 */
export class AgencyDataSource extends RemoteGraphQLDataSource<RequestContext> {
  readonly agency: AgencyId;

  constructor(options: AgencyDataSourceOptions) {
    super({
      url: options.url,
      fetcher: options.signer ? signingFetcher(options.agency, options.signer) : (globalThis.fetch as unknown as Fetcher),
    });
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
