import { idList, IN_ID_LIST } from '../../lib/kit';
import type { FjcStore } from './store';

/** Security conferences (art. 458ter) and their participants. */

export type LegalBasis = 'DECREE' | 'PROSECUTOR_PERMISSION';

export interface ConferenceRow {
  id: string;
  caseId: string;
  startsAt: string;
  endsAt: string;
  legalBasis: LegalBasis;
  legalBasisReference: string;
  convenedBy: string;
  convenedAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface ParticipantRow {
  conferenceId: string;
  staffId: string;
  agency: string;
}

const CONFERENCE_SELECT = `SELECT cf.id, cf.case_id AS caseId, cf.starts_at AS startsAt, cf.ends_at AS endsAt,
  cf.legal_basis AS legalBasis, cf.legal_basis_reference AS legalBasisReference, cf.convened_by AS convenedBy,
  cf.convened_at AS convenedAt, cf.closed_at AS closedAt, cf.closed_by AS closedBy FROM conferences cf`;

export function findConferences(store: FjcStore, ids: readonly string[]): ConferenceRow[] {
  return store.all<ConferenceRow>(`${CONFERENCE_SELECT} WHERE cf.id ${IN_ID_LIST}`, idList(ids));
}

/** The conferences of each case, newest window first. */
export function findConferencesOfCases(store: FjcStore, caseIds: readonly string[]): ConferenceRow[] {
  return store.all<ConferenceRow>(
    `${CONFERENCE_SELECT} WHERE cf.case_id ${IN_ID_LIST} ORDER BY cf.starts_at DESC, cf.id DESC`,
    idList(caseIds),
  );
}

/** The conferences one staff member of one agency takes part in, newest window first. */
export function findConferencesOfParticipant(store: FjcStore, staffId: string, agency: string, first: number): ConferenceRow[] {
  return store.all<ConferenceRow>(
    `${CONFERENCE_SELECT} JOIN conference_participants p ON p.conference_id = cf.id
     WHERE p.staff_sub = ? AND p.agency = ? ORDER BY cf.starts_at DESC, cf.id DESC LIMIT ?`,
    staffId, agency, first,
  );
}

export function findParticipants(store: FjcStore, conferenceIds: readonly string[]): ParticipantRow[] {
  return store.all<ParticipantRow>(
    `SELECT conference_id AS conferenceId, staff_sub AS staffId, agency FROM conference_participants
     WHERE conference_id ${IN_ID_LIST} ORDER BY agency, staff_sub`,
    idList(conferenceIds),
  );
}

export interface NewConference extends Omit<ConferenceRow, 'closedAt' | 'closedBy'> {
  requestId: string;
  participants: { staffId: string; agency: string }[];
  /** Set for a conference recorded as already closed (seed data). */
  closed?: { at: string; by: string; requestId: string };
}

export function insertConference(store: FjcStore, conference: NewConference): void {
  store.run(
    `INSERT INTO conferences (id, case_id, starts_at, ends_at, legal_basis, legal_basis_reference, convened_by, convened_at,
       request_id, closed_at, closed_by, close_request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    conference.id, conference.caseId, conference.startsAt, conference.endsAt, conference.legalBasis,
    conference.legalBasisReference, conference.convenedBy, conference.convenedAt, conference.requestId,
    conference.closed?.at ?? null, conference.closed?.by ?? null, conference.closed?.requestId ?? null,
  );
  for (const participant of conference.participants) {
    store.run(
      'INSERT INTO conference_participants (conference_id, staff_sub, agency) VALUES (?, ?, ?)',
      conference.id, participant.staffId, participant.agency,
    );
  }
}

/** Closes a conference that is still open; returns whether it was. */
export function closeConference(store: FjcStore, id: string, closedBy: string, requestId: string, at: string): boolean {
  return (
    store.run(
      'UPDATE conferences SET closed_at = ?, closed_by = ?, close_request_id = ? WHERE id = ? AND closed_at IS NULL',
      at, closedBy, requestId, id,
    ).changes === 1
  );
}

/** The ids of a case's conferences not yet closed (closing a case closes them). */
export function findUnclosedConferenceIds(store: FjcStore, caseId: string): string[] {
  return store
    .all<{ id: string }>('SELECT id FROM conferences WHERE case_id = ? AND closed_at IS NULL', caseId)
    .map((row) => row.id);
}

export type ConferenceStatus = 'SCHEDULED' | 'OPEN' | 'ENDED' | 'CLOSED';

/** Where a conference stands at `now`: only an OPEN one is a legal basis (docs/authorization.md, rule 4). */
export function conferenceStatus(conference: ConferenceRow, now = new Date().toISOString()): ConferenceStatus {
  if (conference.closedAt !== null) return 'CLOSED';
  if (conference.startsAt > now) return 'SCHEDULED';
  if (conference.endsAt <= now) return 'ENDED';
  return 'OPEN';
}
