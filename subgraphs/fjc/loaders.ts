import DataLoader from 'dataloader';
import { BATCH_OPTIONS, groupBy } from '../../lib/kit';
import {
  findActionsOfCases,
  findActionsOfConferences,
  findMemberEventsOfCases,
  findMonitoringNotesOfCases,
  findPlanItemsOfCases,
  type CaseActionRow,
  type MemberEventRow,
  type MonitoringNoteRow,
  type PlanItemRow,
} from './casePlanStore';
import { findConferences, findConferencesOfCases, findParticipants, type ConferenceRow, type ParticipantRow } from './conferenceStore';
import { findConsents, findConsentsOfClients } from './consentStore';
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
import type { ConsentRecord } from './types';

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}


/** A loader of one record per id. */
function one<T extends { id: string }>(find: (ids: readonly string[]) => T[]) {
  return new DataLoader<string, T | null>((ids) => Promise.resolve(byId(ids, find(ids))), BATCH_OPTIONS);
}

/** A loader of the list of records that belong to each key. */
function many<T>(find: (keys: readonly string[]) => T[], keyOf: (row: T) => string) {
  return new DataLoader<string, T[]>((keys) => Promise.resolve(groupBy(keys, find(keys), keyOf)), BATCH_OPTIONS);
}

/**
 * Per-request loaders: one store query per batch, whatever the number of clients or cases. Built
 * fresh for every request, so nothing read here (a consent, a conference) outlives its request.
 */
export function createFjcLoaders(store: FjcStore) {
  return {
    clients: one<ClientRow>((ids) => findClients(store, ids)),
    cases: one<CaseRow>((ids) => findCases(store, ids)),
    membershipsOfClient: many<MemberRow>((ids) => findMembershipsOfClients(store, ids), (m) => m.clientId),
    membersOfCase: many<MemberRow>((ids) => findMembersOfCases(store, ids), (m) => m.caseId),
    agencyLinks: many<AgencyLinkRow>((ids) => findAgencyLinks(store, ids), (l) => l.clientId),
    consents: one<ConsentRecord>((ids) => findConsents(store, ids)),
    consentsOfClient: many<ConsentRecord>((ids) => findConsentsOfClients(store, ids), (c) => c.clientId),
    conferences: one<ConferenceRow>((ids) => findConferences(store, ids)),
    conferencesOfCase: many<ConferenceRow>((ids) => findConferencesOfCases(store, ids), (c) => c.caseId),
    participantsOfConference: many<ParticipantRow>((ids) => findParticipants(store, ids), (p) => p.conferenceId),
    planItemsOfCase: many<PlanItemRow>((ids) => findPlanItemsOfCases(store, ids), (p) => p.caseId),
    monitoringNotesOfCase: many<MonitoringNoteRow>((ids) => findMonitoringNotesOfCases(store, ids), (n) => n.caseId),
    actionsOfCase: many<CaseActionRow>((ids) => findActionsOfCases(store, ids), (a) => a.caseId),
    actionsOfConference: many<CaseActionRow>((ids) => findActionsOfConferences(store, ids), (a) => a.conferenceId ?? ''),
    memberEventsOfCase: many<MemberEventRow>((ids) => findMemberEventsOfCases(store, ids), (e) => e.caseId),
  };
}

export type FjcLoaders = ReturnType<typeof createFjcLoaders>;
