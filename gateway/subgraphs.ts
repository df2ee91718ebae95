import { Kind, parse, type DefinitionNode } from 'graphql';

/** One subgraph of the supergraph, as the gateway reaches it. */
export interface SubgraphRoute {
  /** The subgraph's name in the supergraph: the agency id for an agency of the registry. */
  name: string;
  /** Where the gateway sends its requests: the configured URL, else the supergraph's. */
  url: string;
  /** Longest wait for its answer, in ms. */
  timeoutMs: number;
}

export interface SubgraphRouteSettings {
  /** Configured URLs by subgraph name (`ONEROOF_SUBGRAPH_URL_<NAME>`, or an agency's default port); others keep the supergraph's. */
  urls: Readonly<Record<string, string>>;
  /** Timeouts by subgraph name (`ONEROOF_SUBGRAPH_TIMEOUT_MS_<NAME>`); others get `defaultTimeoutMs`. */
  timeoutsMs: Readonly<Partial<Record<string, number>>>;
  defaultTimeoutMs: number;
}

/**
 * The subgraphs a supergraph names, with their URLs there (`@join__graph(name:, url:)` on the
 * `join__Graph` enum), in the supergraph's order.
 */
export function subgraphsOf(supergraphSdl: string | readonly DefinitionNode[]): { name: string; url: string }[] {
  const definitions = typeof supergraphSdl === 'string' ? parse(supergraphSdl).definitions : supergraphSdl;
  const graphs: { name: string; url: string }[] = [];
  for (const node of definitions) {
    if (node.kind !== Kind.ENUM_TYPE_DEFINITION || node.name.value !== 'join__Graph') continue;
    for (const value of node.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const text = (name: string) => {
        const argument = directive?.arguments?.find((a) => a.name.value === name)?.value;
        return argument?.kind === Kind.STRING ? argument.value : undefined;
      };
      const name = text('name');
      if (!name) throw new Error(`supergraph: join__Graph.${value.name.value} has no subgraph name`);
      graphs.push({ name, url: text('url') ?? '' });
    }
  }
  return graphs;
}

/**
 * Where and how the gateway reaches each subgraph of the supergraph, by name: every subgraph the
 * supergraph names is served, whether or not the registry lists it (an agency whose subgraph runs
 * elsewhere, in any language), with the configured URL and timeout where there is one.
 * @throws Error for a subgraph that has no URL at all.
 */
export function subgraphRoutes(supergraphSdl: string, settings: SubgraphRouteSettings): Map<string, SubgraphRoute> {
  const routes = new Map<string, SubgraphRoute>();
  for (const graph of subgraphsOf(supergraphSdl)) {
    const url = settings.urls[graph.name] ?? graph.url;
    if (!url) throw new Error(`supergraph: subgraph ${graph.name} has no URL, and none is configured`);
    routes.set(graph.name, { name: graph.name, url, timeoutMs: settings.timeoutsMs[graph.name] ?? settings.defaultTimeoutMs });
  }
  return routes;
}
