import { AGENCIES } from '../agencies';
import type { Category, PurposeOfUse, RecordConsentInput } from '../gql/generated';

export const CATEGORIES: readonly Category[] = ['IDENTITY', 'CONTACT', 'INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING', 'HEALTH'];
export const CONSENT_PURPOSES: readonly PurposeOfUse[] = ['INTAKE', 'CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY'];
/** Every agency of the registry may be a consent's grantee. */
export const GRANTEES: readonly string[] = AGENCIES.map((agency) => agency.id);

export interface ConsentDraft {
  granteeAgency: string;
  categories: Category[];
  purposes: PurposeOfUse[];
  validFrom: string;
  validUntil: string;
  evidenceReference: string;
  /** The earlier consent this one renews (same client, same grantee), when it is a renewal. */
  renews?: string;
}

/** What a renewal copies from the consent it renews. */
export interface RenewedConsent {
  id: string;
  granteeAgency: string;
  categories: readonly Category[];
  purposes: readonly PurposeOfUse[];
}

const isCategory = (value: string | null): value is Category => (CATEGORIES as readonly string[]).includes(value ?? '');
const isPurpose = (value: string | null): value is PurposeOfUse => (CONSENT_PURPOSES as readonly string[]).includes(value ?? '');

/** A new consent form, prefilled from a withheld field's remedy (`?category=&grantee=&purpose=`). */
export function draftFrom(query: URLSearchParams, today = new Date()): ConsentDraft {
  const inAYear = new Date(today.getTime() + 365 * 86_400_000);
  const category = query.get('category');
  const purpose = query.get('purpose');
  const grantee = query.get('grantee') ?? '';
  return {
    granteeAgency: GRANTEES.includes(grantee) ? grantee : '',
    categories: isCategory(category) ? [category] : [],
    purposes: isPurpose(purpose) ? [purpose] : ['CASE_MANAGEMENT'],
    validFrom: today.toISOString().slice(0, 10),
    validUntil: inAYear.toISOString().slice(0, 10),
    evidenceReference: '',
  };
}

/**
 * A renewal of `consent`: the same grantee, categories and purposes, a new year from today, and
 * no evidence, since a renewal needs the form the client signs for it.
 */
export function renewalDraft(consent: RenewedConsent, today = new Date()): ConsentDraft {
  return {
    ...draftFrom(new URLSearchParams(), today),
    granteeAgency: consent.granteeAgency,
    categories: CATEGORIES.filter((category) => consent.categories.includes(category)),
    purposes: CONSENT_PURPOSES.filter((purpose) => consent.purposes.includes(purpose)),
    renews: consent.id,
  };
}

export type ConsentErrors = Partial<Record<Exclude<keyof ConsentDraft, 'renews'>, 'validation.required' | 'validation.chooseOne' | 'validation.untilAfterFrom'>>;

export function validateConsent(draft: ConsentDraft): ConsentErrors {
  const errors: ConsentErrors = {};
  if (!draft.granteeAgency) errors.granteeAgency = 'validation.required';
  if (draft.categories.length === 0) errors.categories = 'validation.chooseOne';
  if (draft.purposes.length === 0) errors.purposes = 'validation.chooseOne';
  if (!draft.validFrom) errors.validFrom = 'validation.required';
  if (!draft.validUntil) errors.validUntil = 'validation.required';
  else if (draft.validUntil <= draft.validFrom) errors.validUntil = 'validation.untilAfterFrom';
  if (!draft.evidenceReference.trim()) errors.evidenceReference = 'validation.required';
  return errors;
}

/** The API's input: the period from the start of the first day to the end of the last (UTC). */
export function consentInput(clientId: string, draft: ConsentDraft): RecordConsentInput {
  return {
    clientId,
    granteeAgency: draft.granteeAgency,
    categories: draft.categories,
    purposes: draft.purposes,
    validFrom: `${draft.validFrom}T00:00:00Z`,
    validUntil: `${draft.validUntil}T23:59:59Z`,
    evidenceReference: draft.evidenceReference.trim(),
    ...(draft.renews ? { renews: draft.renews } : {}),
  };
}

/** Adds or removes one value of a multiple choice, keeping the canonical order. */
export function toggle<T extends string>(all: readonly T[], chosen: readonly T[], value: T, on: boolean): T[] {
  return all.filter((candidate) => (candidate === value ? on : chosen.includes(candidate)));
}
