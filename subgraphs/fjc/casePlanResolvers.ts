import { badUserInput, requireAgencyId, requireFjcReader, requireFreeText, requireIdentifier, requireMutation, requireOneOf, requireUpcomingDate } from '../../lib/kit';
import {
  findPlanItems,
  insertCaseAction,
  insertMonitoringNote,
  insertPlanItem,
  PLAN_DOMAINS,
  PLAN_STATUSES,
  updatePlanItemStatus,
  type CaseActionRow,
  type PlanItemRow,
} from './casePlanStore';
import { findConferences } from './conferenceStore';
import { authorship, type FjcContext as Context } from './context';
import { nextId } from './ids';
import { requireCase } from './inputChecks';
import { logMutation } from './mutationLog';
import type { CaseRow, FjcStore } from './store';

/** The CO3 intervention plan (safety first), monitoring notes, and decisions and actions with their agency. */

const MAX_TEXT = 2000;
const FINAL_STATUSES: readonly string[] = ['DONE', 'CANCELLED'];
const ACTION_KINDS = ['DECISION', 'ACTION'] as const;

interface AddPlanItemInput {
  caseId: string;
  domain: string;
  description: string;
  ownerAgency: string;
  status?: string | null;
  dueDate?: string | null;
}

interface RecordCaseActionInput {
  caseId: string;
  kind: string;
  description: string;
  responsibleAgency: string;
  dueDate: string;
  conferenceId?: string | null;
}

function freshPlanItem(store: FjcStore, id: string): PlanItemRow {
  const item = findPlanItems(store, [id])[0];
  if (!item) throw new Error('plan item vanished after writing');
  return item;
}

export const casePlanResolvers = {
  Mutation: {
    addPlanItem: (_: unknown, { input }: { input: AddPlanItemInput }, context: Context): PlanItemRow => {
      requireMutation('addPlanItem', context);
      const caseId = requireCase(context.store, 'input.caseId', input.caseId).id;
      const item = {
        caseId,
        domain: requireOneOf('input.domain', input.domain, PLAN_DOMAINS),
        description: requireFreeText('input.description', input.description, MAX_TEXT),
        ownerAgency: requireAgencyId('input.ownerAgency', input.ownerAgency),
        status: requireOneOf('input.status', input.status ?? 'PLANNED', PLAN_STATUSES),
        dueDate: input.dueDate ? requireUpcomingDate('input.dueDate', input.dueDate) : null,
      };
      const written = authorship(context);
      const id = context.store.transaction(() => {
        const newId = nextId(context.store, 'planItem');
        insertPlanItem(context.store, { ...item, id: newId, createdBy: written.by, createdAt: written.at, requestId: written.requestId });
        logMutation(context.store, context, 'addPlanItem', newId);
        return newId;
      });
      return freshPlanItem(context.store, id);
    },
    updatePlanItemStatus: (_: unknown, args: { id: string; status: string }, context: Context): PlanItemRow => {
      requireMutation('updatePlanItemStatus', context);
      const item = findPlanItems(context.store, [requireIdentifier('id', args.id)])[0];
      if (!item) throw badUserInput('id', 'no such plan item.');
      requireCase(context.store, 'id', item.caseId);
      if (FINAL_STATUSES.includes(item.status)) throw badUserInput('id', `the item is already ${item.status}.`);
      const status = requireOneOf('status', args.status, PLAN_STATUSES);
      const written = authorship(context);
      context.store.transaction(() => {
        updatePlanItemStatus(context.store, item.id, status, written);
        logMutation(context.store, context, 'updatePlanItemStatus', item.id);
      });
      return freshPlanItem(context.store, item.id);
    },
    addMonitoringNote: (_: unknown, args: { caseId: string; text: string }, context: Context) => {
      requireMutation('addMonitoringNote', context);
      const caseId = requireCase(context.store, 'caseId', args.caseId).id;
      const text = requireFreeText('text', args.text, MAX_TEXT);
      const written = authorship(context);
      return context.store.transaction(() => {
        const note = { id: nextId(context.store, 'monitoringNote'), caseId, text, writtenBy: written.by, writtenAt: written.at };
        insertMonitoringNote(context.store, { ...note, requestId: written.requestId });
        logMutation(context.store, context, 'addMonitoringNote', note.id);
        return note;
      });
    },
    recordCaseAction: (_: unknown, { input }: { input: RecordCaseActionInput }, context: Context): CaseActionRow => {
      requireMutation('recordCaseAction', context);
      const caseId = requireCase(context.store, 'input.caseId', input.caseId).id;
      let conferenceId: string | null = null;
      if (input.conferenceId !== null && input.conferenceId !== undefined) {
        const conference = findConferences(context.store, [requireIdentifier('input.conferenceId', input.conferenceId)])[0];
        if (!conference || conference.caseId !== caseId) throw badUserInput('input.conferenceId', 'no such conference of this case.');
        conferenceId = conference.id;
      }
      const action = {
        caseId,
        conferenceId,
        kind: requireOneOf('input.kind', input.kind, ACTION_KINDS),
        description: requireFreeText('input.description', input.description, MAX_TEXT),
        responsibleAgency: requireAgencyId('input.responsibleAgency', input.responsibleAgency),
        dueDate: requireUpcomingDate('input.dueDate', input.dueDate),
      };
      const written = authorship(context);
      return context.store.transaction(() => {
        const row = { ...action, id: nextId(context.store, 'caseAction'), recordedBy: written.by, recordedAt: written.at };
        insertCaseAction(context.store, { ...row, requestId: written.requestId });
        logMutation(context.store, context, 'recordCaseAction', row.id);
        return row;
      });
    },
  },
  Case: {
    planItems: (row: CaseRow, _: unknown, context: Context) => {
      requireFjcReader(context, 'SAFETY');
      return context.loaders.planItemsOfCase.load(row.id);
    },
    monitoringNotes: (row: CaseRow, _: unknown, context: Context) => {
      requireFjcReader(context, 'SAFETY');
      return context.loaders.monitoringNotesOfCase.load(row.id);
    },
    actions: (row: CaseRow, _: unknown, context: Context) => {
      requireFjcReader(context, 'SAFETY');
      return context.loaders.actionsOfCase.load(row.id);
    },
  },
  PlanItem: {
    case: (item: PlanItemRow, _: unknown, context: Context) => context.loaders.cases.load(item.caseId),
  },
  CaseAction: {
    conference: (action: CaseActionRow, _: unknown, context: Context) =>
      action.conferenceId === null ? null : context.loaders.conferences.load(action.conferenceId),
  },
};
