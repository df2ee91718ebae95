import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { AgencyId } from '../../agencies';
import type { AccessControl, BasesSource } from '../../policy/access';
import type { RequestContext } from '../../viewer';

/**
 * What every resolver of a subgraph receives: the verified request, the request's policy state,
 * per-request loaders, and the agency's store. Extensions add their own fields (the disclosure
 * log adds `audit`: lib/kit/disclosure).
 */
export interface SubgraphContext<TLoaders, TStore = unknown> extends RequestContext {
  agency: AgencyId;
  /** Legal bases and decisions of this request: the one policy object of the request (docs/authorization.md). */
  access: AccessControl;
  loaders: TLoaders;
  /** The agency's store, for mutations; reads go through `loaders`. */
  store: TStore;
}

/** The parts an agency writes; everything else is shared. */
export interface SubgraphDefinition<TStore, TLoaders> {
  agency: AgencyId;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders, TStore>>;
  /** Fresh DataLoaders for one request. */
  createLoaders: (store: TStore, request: RequestContext) => TLoaders;
  /** The FJC only: reads clients' legal bases from its own registry instead of an assertion. */
  basesSource?: (store: TStore, request: RequestContext) => BasesSource;
  /**
   * Checks a request's claimed basis against the agency's own records before anything runs (the
   * FJC: the conference of X-Conference-Id is open and the viewer takes part); throws to refuse.
   */
  checkRequest?: (store: TStore, request: RequestContext) => void;
}
