import { badUserInput, decidedPerEntry, grantedBy, optionalText, requireFjcReader, requireIsoDate, requireLimit, requireMutation, requireOneOf, requirePastDate, requirePersonLookup, requireText } from '../../lib/kit';
import { requireNoLikelyDuplicate, requirePlainName } from './clientSearchResolvers';
import type { FjcContext as Context } from './context';
import { directoryEntries } from './directory';
import { requireClient } from './inputChecks';
import { logMutation } from './mutationLog';
import {
  insertClient,
  listCases,
  nextClientId,
  searchClients,
  upsertAgencyLink,
  type CaseRow,
  type ClientRow,
  type MemberRow,
} from './store';

/** The client registry, cases as a directory, and the reference directory of who knows whom. */

const MAX_IDS = 500;
const GENDERS = ['FEMALE', 'MALE', 'X'] as const;

interface RegisterClientInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  language: string;
  interpreterNeeded: boolean;
  phone?: string | null;
  email?: string | null;
  address?: { street: string; postalCode: string; municipality: string } | null;
  addressProtected: boolean;
  notDuplicateOf?: string[] | null;
}

function validClient(input: RegisterClientInput) {
  const client = {
    firstName: requirePlainName('input.firstName', requireText('input.firstName', input.firstName, 100)),
    lastName: requirePlainName('input.lastName', requireText('input.lastName', input.lastName, 100)),
    dateOfBirth: requirePastDate('input.dateOfBirth', input.dateOfBirth),
    gender: requireOneOf('input.gender', input.gender, GENDERS),
    language: requireText('input.language', input.language, 8),
    interpreterNeeded: input.interpreterNeeded,
    phone: optionalText('input.phone', input.phone, 40),
    email: optionalText('input.email', input.email, 200),
    address: input.address
      ? {
          street: requireText('input.address.street', input.address.street),
          postalCode: requireText('input.address.postalCode', input.address.postalCode, 10),
          municipality: requireText('input.address.municipality', input.address.municipality, 100),
        }
      : null,
    addressProtected: input.addressProtected,
  };
  if (!/^[a-z]{2,3}$/.test(client.language)) throw badUserInput('input.language', 'must be an ISO 639 code such as nl.');
  if (client.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(client.email)) throw badUserInput('input.email', 'is not an e-mail address.');
  return client;
}

export const registryResolvers = {
  Query: {
    client: (_: unknown, args: { id: string }, context: Context) => {
      requirePersonLookup(context);
      return context.loaders.clients.load(args.id);
    },
    clients: (_: unknown, args: { ids: string[] }, context: Context) => {
      requirePersonLookup(context);
      if (args.ids.length > MAX_IDS) throw badUserInput('ids', `at most ${MAX_IDS} ids per request.`);
      return context.loaders.clients.loadMany(args.ids).then((rows) => rows.map((r) => (r instanceof Error ? null : r)));
    },
    /** FJC staff only: a search must not tell another agency who else is a client of the FJC. */
    searchClients: (_: unknown, args: { name?: string | null; dateOfBirth?: string | null; first?: number | null }, context: Context) => {
      requireFjcReader(context, 'IDENTITY');
      const name = optionalText('name', args.name, 100);
      const dateOfBirth = args.dateOfBirth ? requireIsoDate('dateOfBirth', args.dateOfBirth) : undefined;
      if (!name && !dateOfBirth) throw badUserInput('name', 'give a name or a date of birth to search by.');
      if (name && name.length < 2) throw badUserInput('name', 'must be at least 2 characters.');
      const first = requireLimit('first', args.first, 20, 100);
      return searchClients(context.store, { name: name ?? undefined, dateOfBirth, first });
    },
    case: (_: unknown, args: { id: string }, context: Context) => {
      requireFjcReader(context, 'INVOLVEMENT');
      return context.loaders.cases.load(args.id);
    },
    cases: (_: unknown, args: { status?: string | null; caseManager?: string | null; first?: number | null }, context: Context) => {
      requireFjcReader(context, 'INVOLVEMENT');
      return listCases(context.store, {
        status: args.status ?? undefined,
        caseManager: optionalText('caseManager', args.caseManager) ?? undefined,
        first: requireLimit('first', args.first, 50, 500),
      });
    },
  },
  Mutation: {
    registerClient: (_: unknown, { input }: { input: RegisterClientInput }, context: Context) => {
      requireMutation('registerClient', context);
      const client = validClient(input);
      const id = context.store.transaction(() => {
        // Inside the transaction: two desks registering the same person at once cannot both pass.
        requireNoLikelyDuplicate(context.store, `${client.firstName} ${client.lastName}`, client.dateOfBirth, input.notDuplicateOf ?? []);
        const newId = nextClientId(context.store);
        insertClient(context.store, {
          ...client,
          id: newId,
          registeredAt: new Date().toISOString().slice(0, 10),
          registeredBy: context.viewer.sub,
          requestId: context.requestId,
        });
        logMutation(context.store, context, 'registerClient', newId);
        return newId;
      });
      return context.loaders.clients.load(id);
    },
    registerAgencyLink: (_: unknown, args: { clientId: string; capacity: string; since: string }, context: Context) => {
      requireMutation('registerAgencyLink', context);
      const { agency } = context.viewer;
      const capacity = requireText('capacity', args.capacity, 40);
      const since = requirePastDate('since', args.since);
      requireClient(context.store, 'clientId', args.clientId);
      context.store.transaction(() => {
        upsertAgencyLink(context.store, {
          agency, clientId: args.clientId, capacity, since, registeredBy: context.viewer.sub, requestId: context.requestId,
        });
        logMutation(context.store, context, 'registerAgencyLink', args.clientId);
      });
      // The link just written is the caller's own agency's record: answered to it as such (rule 1).
      return grantedBy({ agency, capacity, since }, 'OWN_RECORD', args.clientId);
    },
  },
  Client: {
    __resolveReference: (reference: { id: string }, context: Context) => context.loaders.clients.load(reference.id),
    displayName: (client: ClientRow) => `${client.firstName} ${client.lastName}`,
    address: (client: ClientRow) =>
      client.street ? { street: client.street, postalCode: client.postalCode, municipality: client.municipality } : null,
    cases: (client: ClientRow, _: unknown, context: Context) => context.loaders.membershipsOfClient.load(client.id),
    agencyLinks: decidedPerEntry(directoryEntries),
  },
  CaseMembership: {
    case: (member: MemberRow, _: unknown, context: Context) => context.loaders.cases.load(member.caseId),
  },
  Case: {
    __resolveReference: (reference: { id: string }, context: Context) => context.loaders.cases.load(reference.id),
    members: (row: CaseRow, _: unknown, context: Context) => context.loaders.membersOfCase.load(row.id),
  },
  CaseMember: {
    client: (member: MemberRow, _: unknown, context: Context) => context.loaders.clients.load(member.clientId),
  },
};
