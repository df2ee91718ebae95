import type { ConveneSecurityConferenceInput, LegalBasis } from '../gql/generated';

export const MAX_CONFERENCE_HOURS = 12;

export interface ConferenceDraft {
  caseId: string;
  /** `datetime-local` values, in the browser's time zone. */
  startsAt: string;
  endsAt: string;
  legalBasis: LegalBasis | '';
  legalBasisReference: string;
  participants: { staffId: string; agency: string }[];
}

type Problem = 'validation.required' | 'validation.endAfterStart' | 'validation.maxTwelveHours' | 'validation.endInFuture' | 'validation.participants';
export type ConferenceErrors = Partial<Record<keyof ConferenceDraft, Problem>>;

const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function emptyConference(now = new Date()): ConferenceDraft {
  return { caseId: '', startsAt: local(now), endsAt: local(new Date(now.getTime() + 2 * 3_600_000)), legalBasis: '', legalBasisReference: '', participants: [{ staffId: '', agency: 'fjc' }] };
}

/** The API's window rules, said next to the fields before sending: after the start, at most 12 hours, ending in the future. */
export function validateConference(draft: ConferenceDraft, now = new Date()): ConferenceErrors {
  const errors: ConferenceErrors = {};
  if (!draft.caseId) errors.caseId = 'validation.required';
  if (!draft.legalBasis) errors.legalBasis = 'validation.required';
  if (!draft.legalBasisReference.trim()) errors.legalBasisReference = 'validation.required';
  const start = Date.parse(draft.startsAt);
  const end = Date.parse(draft.endsAt);
  if (Number.isNaN(start)) errors.startsAt = 'validation.required';
  if (Number.isNaN(end)) errors.endsAt = 'validation.required';
  else if (end <= start) errors.endsAt = 'validation.endAfterStart';
  else if (end - start > MAX_CONFERENCE_HOURS * 3_600_000) errors.endsAt = 'validation.maxTwelveHours';
  else if (end <= now.getTime()) errors.endsAt = 'validation.endInFuture';
  const people = draft.participants.filter((p) => p.staffId.trim());
  if (people.length === 0 || new Set(people.map((p) => p.staffId.trim())).size !== people.length) errors.participants = 'validation.participants';
  return errors;
}

export function conferenceInput(draft: ConferenceDraft): ConveneSecurityConferenceInput {
  return {
    caseId: draft.caseId,
    startsAt: new Date(draft.startsAt).toISOString(),
    endsAt: new Date(draft.endsAt).toISOString(),
    legalBasis: draft.legalBasis as LegalBasis,
    legalBasisReference: draft.legalBasisReference.trim(),
    participants: draft.participants.filter((p) => p.staffId.trim()).map((p) => ({ staffId: p.staffId.trim(), agency: p.agency })),
  };
}
