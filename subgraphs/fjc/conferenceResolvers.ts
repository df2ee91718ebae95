import { badUserInput, forbiddenOperation, grantedBy, isFjcReader, mayReadConference, requireAgencyId, requireCurrentPeriod, requireDistinctList, requireIdentifier, requireIsoDateTime, requireLimit, requireMutation, requireOneOf, requireText } from '../../lib/kit';
import {
  closeConference,
  conferenceStatus,
  findConferences,
  findConferencesOfParticipant,
  insertConference,
  type ConferenceRow,
  type LegalBasis,
} from './conferenceStore';
import { authorship, type FjcContext as Context } from './context';
import { nextId } from './ids';
import { requireCase } from './inputChecks';
import { logMutation } from './mutationLog';
import type { CaseRow, FjcStore } from './store';

/** Security conferences (Belgian Criminal Code art. 458ter): convene, read, close. */

const MAX_WINDOW_HOURS = 12;
const MAX_PARTICIPANTS = 50;
const LEGAL_BASES: readonly LegalBasis[] = ['DECREE', 'PROSECUTOR_PERMISSION'];

interface ConveneInput {
  caseId: string;
  startsAt: string;
  endsAt: string;
  legalBasis: string;
  legalBasisReference: string;
  participants: { staffId: string; agency: string }[];
}

function validConference(store: FjcStore, input: ConveneInput) {
  const caseId = requireCase(store, 'input.caseId', input.caseId).id;
  const startsAt = requireIsoDateTime('input.startsAt', input.startsAt);
  const endsAt = requireIsoDateTime('input.endsAt', input.endsAt);
  requireCurrentPeriod('input.startsAt', startsAt, 'input.endsAt', endsAt, { maxHours: MAX_WINDOW_HOURS });
  const legalBasis = requireOneOf('input.legalBasis', input.legalBasis, LEGAL_BASES);
  const legalBasisReference = requireText('input.legalBasisReference', input.legalBasisReference, 200);
  const participants = input.participants.map((p, i) => ({
    staffId: requireIdentifier(`input.participants[${i}].staffId`, p.staffId),
    agency: requireAgencyId(`input.participants[${i}].agency`, p.agency),
  }));
  requireDistinctList('input.participants', participants.map((p) => p.staffId), MAX_PARTICIPANTS);
  return { caseId, startsAt, endsAt, legalBasis, legalBasisReference, participants };
}

function freshConference(store: FjcStore, id: string): ConferenceRow {
  const conference = findConferences(store, [id])[0];
  if (!conference) throw new Error('conference vanished after writing');
  return conference;
}

async function readable(context: Context, conference: ConferenceRow): Promise<boolean> {
  return mayReadConference(context, await context.loaders.participantsOfConference.load(conference.id));
}

export const conferenceResolvers = {
  Query: {
    /** FJC staff read any conference; anyone else only one they take part in, and learns nothing of others. */
    securityConference: async (_: unknown, args: { id: string }, context: Context) => {
      const conference = await context.loaders.conferences.load(args.id);
      if (isFjcReader(context, 'INVOLVEMENT')) return conference;
      if (!conference || !(await readable(context, conference))) throw forbiddenOperation();
      return grantedBy(conference, 'CASE_CONFERENCE');
    },
    myConferences: (_: unknown, args: { includeEnded?: boolean | null; first?: number | null }, context: Context) => {
      const { sub, agency } = context.viewer;
      if (!mayReadConference(context, [{ staffId: sub, agency }])) throw forbiddenOperation();
      const first = requireLimit('first', args.first, 50, 200);
      const now = new Date().toISOString();
      const mine = findConferencesOfParticipant(context.store, sub, agency, first).filter(
        (c) => args.includeEnded || ['SCHEDULED', 'OPEN'].includes(conferenceStatus(c, now)),
      );
      return isFjcReader(context, 'INVOLVEMENT') ? mine : grantedBy(mine, 'CASE_CONFERENCE');
    },
  },
  Mutation: {
    conveneSecurityConference: (_: unknown, { input }: { input: ConveneInput }, context: Context): ConferenceRow => {
      requireMutation('conveneSecurityConference', context);
      const conference = validConference(context.store, input);
      const written = authorship(context);
      const id = context.store.transaction(() => {
        const newId = nextId(context.store, 'conference');
        insertConference(context.store, {
          ...conference, id: newId, convenedBy: written.by, convenedAt: written.at, requestId: written.requestId,
        });
        logMutation(context.store, context, 'conveneSecurityConference', newId);
        return newId;
      });
      return freshConference(context.store, id);
    },
    /** Ends the conference's legal basis at once: the next request no longer finds it open. */
    closeSecurityConference: (_: unknown, args: { id: string }, context: Context): ConferenceRow => {
      requireMutation('closeSecurityConference', context);
      const conference = findConferences(context.store, [requireIdentifier('id', args.id)])[0];
      if (!conference) throw badUserInput('id', 'no such conference.');
      if (conference.closedAt !== null) throw badUserInput('id', 'the conference is already closed.');
      const written = authorship(context);
      context.store.transaction(() => {
        closeConference(context.store, conference.id, written.by, written.requestId, written.at);
        logMutation(context.store, context, 'closeSecurityConference', conference.id);
      });
      return freshConference(context.store, conference.id);
    },
  },
  Case: {
    /** FJC staff see every conference of the case; others only those they take part in. */
    conferences: async (row: CaseRow, _: unknown, context: Context) => {
      const conferences = await context.loaders.conferencesOfCase.load(row.id);
      if (isFjcReader(context, 'INVOLVEMENT')) return conferences;
      const allowed = await Promise.all(conferences.map((c) => readable(context, c)));
      return grantedBy(conferences.filter((_c, i) => allowed[i]), 'CASE_CONFERENCE');
    },
  },
  SecurityConference: {
    case: (conference: ConferenceRow, _: unknown, context: Context) => context.loaders.cases.load(conference.caseId),
    status: (conference: ConferenceRow) => conferenceStatus(conference),
    participants: (conference: ConferenceRow, _: unknown, context: Context) =>
      context.loaders.participantsOfConference.load(conference.id),
    /** Decisions and actions recorded at this conference: its participants share them. */
    actions: async (conference: ConferenceRow, _: unknown, context: Context) => {
      const participants = await context.loaders.participantsOfConference.load(conference.id);
      if (!mayReadConference(context, participants, 'SAFETY')) throw forbiddenOperation();
      return context.loaders.actionsOfConference.load(conference.id);
    },
  },
};
