import { idList, IN_ID_LIST } from '../../lib/kit';
import type { FjcStore } from './store';

/** The CO3 case plan: membership history, intervention plan items, monitoring notes, decisions and actions. */

export const PLAN_DOMAINS = [
  'SAFETY', 'HOUSING', 'WORK', 'ADDICTION', 'FINANCES', 'MENTAL_HEALTH',
  'PERPETRATOR_PROGRAMME', 'SUPERVISED_CONTACT', 'PARENTING', 'OTHER',
] as const;
export const PLAN_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanItemRow {
  id: string;
  caseId: string;
  domain: string;
  description: string;
  ownerAgency: string;
  status: PlanStatus;
  dueDate: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface MonitoringNoteRow {
  id: string;
  caseId: string;
  text: string;
  writtenBy: string;
  writtenAt: string;
}

export interface CaseActionRow {
  id: string;
  caseId: string;
  conferenceId: string | null;
  kind: 'DECISION' | 'ACTION';
  description: string;
  responsibleAgency: string;
  dueDate: string;
  recordedBy: string;
  recordedAt: string;
}

export interface MemberEventRow {
  caseId: string;
  clientId: string;
  role: string;
  event: 'ADDED' | 'REMOVED';
  at: string;
  by: string;
}

const PLAN_SELECT = `SELECT id, case_id AS caseId, domain, description, owner_agency AS ownerAgency, status, due_date AS dueDate,
  created_by AS createdBy, created_at AS createdAt, updated_by AS updatedBy, updated_at AS updatedAt FROM plan_items`;
const ACTION_SELECT = `SELECT id, case_id AS caseId, conference_id AS conferenceId, kind, description,
  responsible_agency AS responsibleAgency, due_date AS dueDate, recorded_by AS recordedBy, recorded_at AS recordedAt
  FROM case_actions`;

export function findPlanItems(store: FjcStore, ids: readonly string[]): PlanItemRow[] {
  return store.all<PlanItemRow>(`${PLAN_SELECT} WHERE id ${IN_ID_LIST}`, idList(ids));
}

/** Plan items of each case, safety first, then in the order they were added. */
export function findPlanItemsOfCases(store: FjcStore, caseIds: readonly string[]): PlanItemRow[] {
  return store.all<PlanItemRow>(
    `${PLAN_SELECT} WHERE case_id ${IN_ID_LIST} ORDER BY case_id, domain <> 'SAFETY', created_at, id`,
    idList(caseIds),
  );
}

export function findMonitoringNotesOfCases(store: FjcStore, caseIds: readonly string[]): MonitoringNoteRow[] {
  return store.all<MonitoringNoteRow>(
    `SELECT id, case_id AS caseId, text, written_by AS writtenBy, written_at AS writtenAt FROM monitoring_notes
     WHERE case_id ${IN_ID_LIST} ORDER BY written_at, id`,
    idList(caseIds),
  );
}

export function findActionsOfCases(store: FjcStore, caseIds: readonly string[]): CaseActionRow[] {
  return store.all<CaseActionRow>(`${ACTION_SELECT} WHERE case_id ${IN_ID_LIST} ORDER BY due_date, id`, idList(caseIds));
}

export function findActionsOfConferences(store: FjcStore, conferenceIds: readonly string[]): CaseActionRow[] {
  return store.all<CaseActionRow>(`${ACTION_SELECT} WHERE conference_id ${IN_ID_LIST} ORDER BY due_date, id`, idList(conferenceIds));
}

export function findMemberEventsOfCases(store: FjcStore, caseIds: readonly string[]): MemberEventRow[] {
  return store.all<MemberEventRow>(
    `SELECT case_id AS caseId, client_id AS clientId, role, event, at, by_sub AS by FROM case_member_events
     WHERE case_id ${IN_ID_LIST} ORDER BY id`,
    idList(caseIds),
  );
}

interface Written {
  by: string;
  at: string;
  requestId: string;
}

export function insertPlanItem(store: FjcStore, item: Omit<PlanItemRow, 'updatedBy' | 'updatedAt'> & { requestId: string }): void {
  store.run(
    `INSERT INTO plan_items (id, case_id, domain, description, owner_agency, status, due_date, created_by, created_at, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    item.id, item.caseId, item.domain, item.description, item.ownerAgency, item.status, item.dueDate, item.createdBy,
    item.createdAt, item.requestId,
  );
}

export function updatePlanItemStatus(store: FjcStore, id: string, status: PlanStatus, written: Written): void {
  store.run(
    'UPDATE plan_items SET status = ?, updated_by = ?, updated_at = ?, update_request_id = ? WHERE id = ?',
    status, written.by, written.at, written.requestId, id,
  );
}

export function insertMonitoringNote(store: FjcStore, note: MonitoringNoteRow & { requestId: string }): void {
  store.run(
    'INSERT INTO monitoring_notes (id, case_id, text, written_by, written_at, request_id) VALUES (?, ?, ?, ?, ?, ?)',
    note.id, note.caseId, note.text, note.writtenBy, note.writtenAt, note.requestId,
  );
}

export function insertCaseAction(store: FjcStore, action: CaseActionRow & { requestId: string }): void {
  store.run(
    `INSERT INTO case_actions (id, case_id, conference_id, kind, description, responsible_agency, due_date, recorded_by,
       recorded_at, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    action.id, action.caseId, action.conferenceId, action.kind, action.description, action.responsibleAgency,
    action.dueDate, action.recordedBy, action.recordedAt, action.requestId,
  );
}

/** Adds or removes a member and writes the change to the membership history. */
export function changeMembership(
  store: FjcStore,
  change: { caseId: string; clientId: string; role: string; event: 'ADDED' | 'REMOVED' },
  written: Written,
): void {
  if (change.event === 'ADDED') {
    store.run('INSERT INTO case_members (case_id, client_id, role) VALUES (?, ?, ?)', change.caseId, change.clientId, change.role);
  } else {
    store.run('DELETE FROM case_members WHERE case_id = ? AND client_id = ?', change.caseId, change.clientId);
  }
  store.run(
    'INSERT INTO case_member_events (case_id, client_id, role, event, at, by_sub, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    change.caseId, change.clientId, change.role, change.event, written.at, written.by, written.requestId,
  );
}

export function setCaseStatus(store: FjcStore, id: string, status: 'OPEN' | 'CLOSED', closedAt: string | null): void {
  store.run('UPDATE cases SET status = ?, closed_at = ? WHERE id = ?', status, closedAt, id);
}

export function setCaseManager(store: FjcStore, id: string, caseManager: string): void {
  store.run('UPDATE cases SET case_manager = ? WHERE id = ?', caseManager, id);
}
