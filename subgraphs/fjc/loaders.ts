import DataLoader from 'dataloader';
import { groupBy } from '../../lib/store/sqlite';
import {
  findAgencyLinks,
  findCases,
  findClients,
  findMembersOfCases,
  findMembershipsOfClients,
  type AgencyLinkRow,
  type CaseRow,
  type ClientRow,
  type FjcStore,
  type MemberRow,
} from './store';

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

const BATCH = { maxBatchSize: 1000 };

/** Per-request loaders: one store query per batch, whatever the number of clients or cases. */
export function createFjcLoaders(store: FjcStore) {
  return {
    clients: new DataLoader<string, ClientRow | null>((ids) => Promise.resolve(byId(ids, findClients(store, ids))), BATCH),
    cases: new DataLoader<string, CaseRow | null>((ids) => Promise.resolve(byId(ids, findCases(store, ids))), BATCH),
    membershipsOfClient: new DataLoader<string, MemberRow[]>(
      (ids) => Promise.resolve(groupBy(ids, findMembershipsOfClients(store, ids), (m) => m.clientId)),
      BATCH,
    ),
    membersOfCase: new DataLoader<string, MemberRow[]>(
      (ids) => Promise.resolve(groupBy(ids, findMembersOfCases(store, ids), (m) => m.caseId)),
      BATCH,
    ),
    agencyLinks: new DataLoader<string, AgencyLinkRow[]>(
      (ids) => Promise.resolve(groupBy(ids, findAgencyLinks(store, ids), (l) => l.clientId)),
      BATCH,
    ),
  };
}

export type FjcLoaders = ReturnType<typeof createFjcLoaders>;
