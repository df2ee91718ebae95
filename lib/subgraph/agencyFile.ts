import type DataLoader from 'dataloader';
import type { ClientLink } from '../store/clientLinks';
import type { SubgraphContext } from './createSubgraphServer';

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
 * (one store query per batch), and the agency's file field hands the link to the file's fields.
 * @param fileField - the field on `Client` this agency owns, e.g. `youthCare`.
 */
export function clientEntityResolvers<L extends AgencyLoaders>(fileField: string) {
  return {
    __resolveReference: async (reference: { id: string }, context: Context<L>): Promise<ClientEntity> => ({
      id: reference.id,
      link: await context.loaders.links.load(reference.id),
    }),
    [fileField]: (client: ClientEntity): AgencyFileSource => ({ clientId: client.id, link: client.link }),
  };
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
