import type { AgencyId } from '../../agencies';
import type { Random } from '../../seed/random';
import type { World, WorldAgency } from '../../seed/world';
import type { SubgraphDefinition } from '../server/context';
import type { Figure } from '../statistics/figures';
import type { AgencyStore, StoreContext } from '../store/agencyStore';

/** What the kit's tools need of any agency's store: it counts the agency's figures, and closes; the seed writes in a transaction when there is one. */
export interface StoreHandle extends Pick<AgencyStore, 'figure' | 'close'> {
  transaction?<T>(work: () => T): T;
}

/** How an agency takes part in the synthetic world: whom it knows, and the records it invents for them. */
export interface AgencySeed<TStore> extends Omit<WorldAgency, 'id'> {
  /** Writes the agency's synthetic records for the clients it knows, in one transaction, from its own random stream. */
  records(store: TStore, world: World, random: Random): void;
  /**
   * A volume `npm run seed` reports per full year, to check a dataset against its calibration
   * (docs/statistics.md, The synthetic world), e.g. the police's interventions.
   */
  yearly?: { label: string; count(store: TStore): Map<number, number> };
}

/**
 * Everything OneRoof needs of one agency, exported by `subgraphs/<id>/agency.ts` as `agency`:
 * found by the agency's id in the registry (`subgraphs/agencies.json`), so that adding an agency
 * edits nothing outside its folder but its registry entry.
 */
export interface AgencyModule<TStore extends StoreHandle = StoreHandle> {
  id: AgencyId;
  /** The subgraph: resolvers, per-request loaders (`partnerSubgraph` for a partner), and the FJC's own hooks. */
  definition: SubgraphDefinition<TStore, unknown>;
  /**
   * Opens the agency's store: the SQLite implementation over `context.dataFile`, or an adapter to
   * the agency's own system. Its person links come from OneRoof's own store (`context.links`).
   */
  openStore(context: StoreContext): TStore;
  seed: AgencySeed<TStore>;
  /** The figures the agency publishes (`Statistics.<field>`), by field name. */
  figures: Record<string, Figure>;
}

/**
 * An agency's module, typed against its own store and loaders where it is written, and erased to
 * `AgencyModule` for the tooling that handles every agency alike.
 */
export function defineAgency<TStore extends StoreHandle, TLoaders>(module: {
  id: AgencyId;
  definition: SubgraphDefinition<NoInfer<TStore>, TLoaders>;
  /** The store's type is the agency's own: the definition and the seed are typed against it. */
  openStore(context: StoreContext): TStore;
  seed: AgencySeed<NoInfer<TStore>>;
  figures: Record<string, Figure>;
}): AgencyModule {
  return module as unknown as AgencyModule;
}
