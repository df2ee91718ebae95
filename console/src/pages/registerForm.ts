import type { RegisterClientInput } from '../gql/generated';
import type { MessageKey } from '../i18n/en';

/** The registration form as typed: strings and booleans, turned into the API's input on submit. */
export interface RegisterDraft {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  language: string;
  interpreterNeeded: boolean;
  phone: string;
  email: string;
  street: string;
  postalCode: string;
  municipality: string;
  addressProtected: boolean;
}

export const EMPTY_DRAFT: RegisterDraft = {
  firstName: '', lastName: '', dateOfBirth: '', gender: '', language: 'nl', interpreterNeeded: false,
  phone: '', email: '', street: '', postalCode: '', municipality: '', addressProtected: false,
};

export type DraftErrors = Partial<Record<keyof RegisterDraft, MessageKey>>;

/** Same characters the FJC refuses in names (control, invisible, text-direction): said before sending. */
const FORBIDDEN_IN_NAMES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;

/**
 * Checks the form in the browser, to say what is missing next to each field at once. The FJC
 * checks everything again (and more: likely duplicates); its refusals are shown the same way.
 */
export function validateDraft(draft: RegisterDraft, today = new Date().toISOString().slice(0, 10)): DraftErrors {
  const errors: DraftErrors = {};
  for (const field of ['firstName', 'lastName'] as const) {
    if (!draft[field].trim()) errors[field] = 'validation.required';
    else if (FORBIDDEN_IN_NAMES.test(draft[field])) errors[field] = 'validation.invisibleCharacters';
  }
  if (!draft.dateOfBirth) errors.dateOfBirth = 'validation.required';
  else if (draft.dateOfBirth > today) errors.dateOfBirth = 'validation.future';
  if (!draft.gender) errors.gender = 'validation.required';
  if (draft.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(draft.email.trim())) errors.email = 'validation.email';
  const address = [draft.street, draft.postalCode, draft.municipality].map((part) => part.trim());
  if (address.some(Boolean)) {
    if (!address[0]) errors.street = 'validation.addressIncomplete';
    if (!address[1]) errors.postalCode = 'validation.addressIncomplete';
    if (!address[2]) errors.municipality = 'validation.addressIncomplete';
  }
  return errors;
}

export function inputOf(draft: RegisterDraft, notDuplicateOf: string[]): RegisterClientInput {
  const street = draft.street.trim();
  return {
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    dateOfBirth: draft.dateOfBirth,
    gender: draft.gender as RegisterClientInput['gender'],
    language: draft.language,
    interpreterNeeded: draft.interpreterNeeded,
    phone: draft.phone.trim() || null,
    email: draft.email.trim() || null,
    address: street ? { street, postalCode: draft.postalCode.trim(), municipality: draft.municipality.trim() } : null,
    addressProtected: draft.addressProtected,
    notDuplicateOf: notDuplicateOf.length > 0 ? notDuplicateOf : null,
  };
}

/** The form field an API error names (`input.address.street` -> street). */
export function draftFieldOf(apiField: string | undefined): keyof RegisterDraft | undefined {
  const name = apiField?.replace(/^input\.(address\.)?/, '');
  return name && name in EMPTY_DRAFT ? (name as keyof RegisterDraft) : undefined;
}
