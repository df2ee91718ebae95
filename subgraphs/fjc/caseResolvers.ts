import { badUserInput, requireDistinctList, requireFjcReader, requireIdentifier, requireMutation, requireOneOf } from '../../lib/kit';
import { changeMembership, setCaseManager, setCaseStatus, type MemberEventRow } from './casePlanStore';
import { closeConference, findUnclosedConferenceIds } from './conferenceStore';
import { authorship, type FjcContext as Context } from './context';
import { nextCaseReference, nextId } from './ids';
import { requireCase, requireClient } from './inputChecks';
import { logMutation } from './mutationLog';
import { findCases, findMembersOfCases, insertCase, type CaseRow, type FjcStore } from './store';

/** CO3 cases: open and close, members and their role, the case manager. */

const ROLES = ['VICTIM', 'PERPETRATOR', 'CHILD', 'OTHER'] as const;
const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;

interface MemberInput {
  clientId: string;
  role: string;
}

interface OpenCaseInput {
  members: MemberInput[];
  riskLevel?: string | null;
  caseManager?: string | null;
}

function freshCase(store: FjcStore, id: string): CaseRow {
  const found = findCases(store, [id])[0];
  if (!found) throw new Error('case vanished after writing');
  return found;
}

function memberOf(store: FjcStore, caseId: string, clientId: string) {
  return findMembersOfCases(store, [caseId]).find((m) => m.clientId === clientId);
}

export const caseResolvers = {
  Mutation: {
    openCase: (_: unknown, { input }: { input: OpenCaseInput }, context: Context): CaseRow => {
      requireMutation('openCase', context);
      const members = input.members.map((m, i) => ({
        clientId: requireClient(context.store, `input.members[${i}].clientId`, m.clientId).id,
        role: requireOneOf(`input.members[${i}].role`, m.role, ROLES),
      }));
      requireDistinctList('input.members', members.map((m) => m.clientId));
      const riskLevel = input.riskLevel ? requireOneOf('input.riskLevel', input.riskLevel, RISK_LEVELS) : null;
      const caseManager = input.caseManager ? requireIdentifier('input.caseManager', input.caseManager) : context.viewer.sub;
      const written = authorship(context);
      const id = context.store.transaction(() => {
        const newId = nextId(context.store, 'case');
        const reference = nextCaseReference(context.store, written.at.slice(0, 4));
        insertCase(context.store, {
          id: newId, reference, status: 'OPEN', openedAt: written.at.slice(0, 10), closedAt: null, riskLevel, caseManager,
        });
        for (const member of members) changeMembership(context.store, { caseId: newId, ...member, event: 'ADDED' }, written);
        logMutation(context.store, context, 'openCase', newId);
        return newId;
      });
      return freshCase(context.store, id);
    },
    /** Closing a case also closes its conferences that are still open: their legal basis ends with it. */
    closeCase: (_: unknown, args: { id: string }, context: Context): CaseRow => {
      requireMutation('closeCase', context);
      const theCase = requireCase(context.store, 'id', args.id);
      const written = authorship(context);
      context.store.transaction(() => {
        for (const conferenceId of findUnclosedConferenceIds(context.store, theCase.id)) {
          closeConference(context.store, conferenceId, written.by, written.requestId, written.at);
          logMutation(context.store, context, 'closeSecurityConference', conferenceId);
        }
        setCaseStatus(context.store, theCase.id, 'CLOSED', written.at.slice(0, 10));
        logMutation(context.store, context, 'closeCase', theCase.id);
      });
      return freshCase(context.store, theCase.id);
    },
    addCaseMember: (_: unknown, args: { caseId: string; clientId: string; role: string }, context: Context): CaseRow => {
      requireMutation('addCaseMember', context);
      const theCase = requireCase(context.store, 'caseId', args.caseId);
      const clientId = requireClient(context.store, 'clientId', args.clientId).id;
      const role = requireOneOf('role', args.role, ROLES);
      if (memberOf(context.store, theCase.id, clientId)) throw badUserInput('clientId', 'the client is already a member of the case.');
      const written = authorship(context);
      context.store.transaction(() => {
        changeMembership(context.store, { caseId: theCase.id, clientId, role, event: 'ADDED' }, written);
        logMutation(context.store, context, 'addCaseMember', theCase.id);
      });
      return freshCase(context.store, theCase.id);
    },
    removeCaseMember: (_: unknown, args: { caseId: string; clientId: string }, context: Context): CaseRow => {
      requireMutation('removeCaseMember', context);
      const theCase = requireCase(context.store, 'caseId', args.caseId);
      const member = memberOf(context.store, theCase.id, requireIdentifier('clientId', args.clientId));
      if (!member) throw badUserInput('clientId', 'the client is not a member of the case.');
      const written = authorship(context);
      context.store.transaction(() => {
        changeMembership(context.store, { ...member, event: 'REMOVED' }, written);
        logMutation(context.store, context, 'removeCaseMember', theCase.id);
      });
      return freshCase(context.store, theCase.id);
    },
    assignCaseManager: (_: unknown, args: { caseId: string; staffId: string }, context: Context): CaseRow => {
      requireMutation('assignCaseManager', context);
      const theCase = requireCase(context.store, 'caseId', args.caseId);
      const staffId = requireIdentifier('staffId', args.staffId);
      context.store.transaction(() => {
        setCaseManager(context.store, theCase.id, staffId);
        logMutation(context.store, context, 'assignCaseManager', theCase.id);
      });
      return freshCase(context.store, theCase.id);
    },
  },
  Case: {
    memberHistory: (row: CaseRow, _: unknown, context: Context): Promise<MemberEventRow[]> => {
      requireFjcReader(context, 'INVOLVEMENT');
      return context.loaders.memberEventsOfCase.load(row.id);
    },
  },
  CaseMemberEvent: {
    client: (event: MemberEventRow, _: unknown, context: Context) => context.loaders.clients.load(event.clientId),
  },
};
