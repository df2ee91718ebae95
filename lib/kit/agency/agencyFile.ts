import DataLoader from 'dataloader';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { AgencyId } from '../../agencies';
import { BATCH_OPTIONS } from '../../batching';
import { requestAbandoned } from '../../errors';
import type { SubgraphContext, SubgraphDefinition } from '../server/context';
import type { AgencyStore, ClientLink } from '../store/agencyStore';

/**
 * A partner agency's per-request loaders, built by the kit from its store: the person links, and
 * one loader per list field, so that every field costs one store call per batch of clients.
 */
export interface PartnerLoaders<TRows extends object> {
  links: DataLoader<string, ClientLink | null>;
  /** The loader of one list field's rows, keyed by the agency's person id (made on first use in the request). */
  rows<F extends keyof TRows & string>(field: F): DataLoader<string, TRows[F][]>;
}

/** What a partner agency's resolvers receive. */
export type PartnerContext<TRows extends object> = SubgraphContext<PartnerLoaders<TRows>, AgencyStore<TRows>>;

/** Fresh loaders for one request over `store` (nothing read outlives the request). */
export function createPartnerLoaders<TRows extends object>(store: AgencyStore<TRows>): PartnerLoaders<TRows> {
  const byField = new Map<string, DataLoader<string, unknown[]>>();
  return {
    links: new DataLoader((ids) => Promise.resolve(store.links.find(ids)), BATCH_OPTIONS),
    rows: <F extends keyof TRows & string>(field: F) => {
      let loader = byField.get(field);
      if (!loader) {
        loader = new DataLoader<string, unknown[]>((personIds) => store.rows(field, personIds), BATCH_OPTIONS);
        byField.set(field, loader);
      }
      return loader as unknown as DataLoader<string, TRows[F][]>;
    },
  };
}

/**
 * A partner agency's subgraph definition: its resolvers over the store interface, with the kit's
 * per-request loaders (docs/connecting-an-agency.md).
 */
export function partnerSubgraph<TRows extends object>(
  agency: AgencyId,
  resolvers: GraphQLResolverMap<PartnerContext<TRows>>,
): SubgraphDefinition<AgencyStore<TRows>, PartnerLoaders<TRows>> {
  return { agency, resolvers, createLoaders: (store) => createPartnerLoaders(store) };
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

/** The loaders every partner agency has (the links), whatever its fields. */
export interface AgencyLoaders {
  links: DataLoader<string, ClientLink | null>;
}

type Context<L> = SubgraphContext<L>;

/**
 * The `Client` resolvers of a partner subgraph: the entity is resolved through the link loader
 * (one store query per batch) and its consent assertion is verified for this request; the
 * agency's file field hands the link to the file's fields.
 * @param fileField - the field on `Client` this agency owns, e.g. `youthCare` (its registry `field`).
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

/** Assertions verified without a break: a signature check costs about 0.1-0.3 ms of CPU. */
const VERIFY_CHUNK = 50;

/**
 * Verifies the assertions of a batch in chunks, with a turn of the event loop between them: 500
 * clients' assertions take this agency 50-150 ms of CPU, long enough to make a small request that
 * arrives meanwhile wait out its gateway's timeout. Stops once nobody waits for the answer.
 */
async function admitAll<L>(context: Context<L>, keys: readonly EntityKey[]): Promise<void> {
  for (let from = 0; from < keys.length; from += VERIFY_CHUNK) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    if (context.scope?.expired()) throw requestAbandoned(context.agency);
    await Promise.all(keys.slice(from, from + VERIFY_CHUNK).map((key) => context.access.admit(key.id, key.assertion)));
  }
}

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
        await admitAll(context, keys);
        return keys.map((key, i) => {
          const link = links[i];
          if (link instanceof Error) throw link;
          return { id: key.id, link: link ?? null };
        });
      },
      { ...BATCH_OPTIONS, cacheKeyFn: (key) => `${key.id}\u0000${typeof key.assertion === 'string' ? key.assertion : ''}` },
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
 * Resolvers of the list fields of an agency file, typed by the agency's rows: `viaPerson<PoliceRows>()`
 * gives `(field) => resolver`, which reads the store's rows of `field` for the client's person,
 * batched per request. A client this agency does not know gets `null`: it answers `involved: false`
 * and nothing else.
 */
export function viaPerson<TRows extends object>() {
  return <F extends keyof TRows & string>(field: F) =>
    (file: AgencyFileSource, _args: unknown, context: PartnerContext<TRows>): Promise<TRows[F][]> | null =>
      file.link ? context.loaders.rows(field).load(file.link.personId) : null;
}
