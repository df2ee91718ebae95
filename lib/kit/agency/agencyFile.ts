import DataLoader from 'dataloader';
import type { ClientLink } from '../store/clientLinks';
import type { SubgraphContext } from '../server/createSubgraphServer';

/** Loaders every partner agency has. */
export interface AgencyLoaders {
  links: DataLoader<string, ClientLink | null>;
}

/** `Client` as a partner subgraph sees it: the FJC id and this agency's link, if any. */
export interface ClientEntity {
  id: string;
  link: ClientLink | null;
}

/** The parent of every field of an agency file. */
export interface AgencyFileSource {
  clientId: string;
  link: ClientLink | null;
}

type Context<L> = SubgraphContext<L>;

/**
 * The `Client` resolvers of a partner subgraph: the entity is resolved through the link loader
 * (one store query per batch) and its consent assertion is verified for this request; the
 * agency's file field hands the link to the file's fields.
 * @param fileField - the field on `Client` this agency owns, e.g. `youthCare`.
 */
export function clientEntityResolvers<L extends AgencyLoaders>(fileField: string) {
  return {
    __resolveReference: (reference: { id: string; accessAssertion?: unknown }, context: Context<L>): Promise<ClientEntity> =>
      entityLoader(context).load({ id: reference.id, assertion: reference.accessAssertion }),
    [fileField]: (client: ClientEntity): AgencyFileSource => ({ clientId: client.id, link: client.link }),
  };
}

interface EntityKey {
  id: string;
  assertion: unknown;
}

const entityLoaders = new WeakMap<object, DataLoader<EntityKey, ClientEntity, string>>();

/**
 * Resolves a whole batch of representations at once: their links in one query and their
 * assertions verified together. Resolving them together matters: the file's list fields then
 * start in the same tick for every client, so their loaders batch too.
 */
function entityLoader<L extends AgencyLoaders>(context: Context<L>): DataLoader<EntityKey, ClientEntity, string> {
  let loader = entityLoaders.get(context.access);
  if (!loader) {
    loader = new DataLoader<EntityKey, ClientEntity, string>(
      async (keys) => {
        const links = await context.loaders.links.loadMany(keys.map((key) => key.id));
        await Promise.all(keys.map((key) => context.access.admit(key.id, key.assertion)));
        return keys.map((key, i) => {
          const link = links[i];
          if (link instanceof Error) throw link;
          return { id: key.id, link };
        });
      },
      { cacheKeyFn: (key) => `${key.id}\u0000${typeof key.assertion === 'string' ? key.assertion : ''}`, maxBatchSize: 1000 },
    );
    entityLoaders.set(context.access, loader);
  }
  return loader;
}

/** The fields every agency file has: whether and since when the agency knows the client. */
export const agencyFileResolvers = {
  involved: (file: AgencyFileSource): boolean => file.link !== null,
  since: (file: AgencyFileSource): string | null => file.link?.since ?? null,
  capacity: (file: AgencyFileSource): string | null => file.link?.capacity ?? null,
  contactPerson: (file: AgencyFileSource): string | null => file.link?.contactPerson ?? null,
};

/**
 * Resolves a list field of an agency file through a loader keyed by the agency's person id.
 * A client this agency does not know gets `null`: it answers `involved: false` and nothing else.
 */
export function viaPerson<L extends AgencyLoaders, T>(pick: (loaders: L) => DataLoader<string, T>) {
  return (file: AgencyFileSource, _args: unknown, context: Context<L>): Promise<T> | null =>
    file.link ? pick(context.loaders).load(file.link.personId) : null;
}
