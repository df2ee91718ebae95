/**
 * Exports an FJC consent as an HL7 FHIR R4 `Consent` resource (http://hl7.org/fhir/R4/consent.html),
 * as docs/interface.md (FHIR export) describes: the root provision holds the period in which the
 * consent holds; one nested provision of type permit holds the grantee organisation (actor), the
 * security labels of the categories and the purposes. R4 does not permit `type` on the root rule
 * ("not permitted in root rule, required for all nested rules").
 *
 * A revoked consent is told apart from an expired one: its period ends at the revocation, and the
 * OneRoof extension `consent-revocation` carries when, why (the reason as recorded at the FJC, who
 * write it knowing it travels with the export) and which agency revoked it. R4 has no element for
 * a revocation; the extension is the place the specification gives for it.
 * Pure: reads nothing but its arguments, so the GraphQL field and tests get the same answer.
 * Not exported, on purpose: the recording and revoking staff ids and `renews` (R4 Consent has no
 * element for it); they stay in OneRoof.
 */
import { AGENCY_NAMES, CATEGORIES, type Category, type Purpose, PURPOSES } from '../../lib/kit';
import { consentStatus, type ConsentRecord, type ConsentStatus } from './types';

export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}
export interface FhirCodeableConcept {
  coding: FhirCoding[];
}
export interface FhirIdentifier {
  system: string;
  value: string;
}
/** R4 Reference: a literal `reference`, or a logical `identifier` when no resource exists to point at. */
export interface FhirReference {
  reference?: string;
  type?: string;
  identifier?: FhirIdentifier;
  display?: string;
}
export interface FhirPeriod {
  start: string;
  end: string;
}
/** http://hl7.org/fhir/consent-state-codes (required binding). */
export type FhirConsentState = 'draft' | 'proposed' | 'active' | 'rejected' | 'inactive' | 'entered-in-error';
export interface FhirConsentActor {
  role: FhirCodeableConcept;
  reference: FhirReference;
}
/** A nested rule: what is permitted, to whom, for which labels and purposes. */
export interface FhirConsentRule {
  type: 'permit' | 'deny';
  actor: FhirConsentActor[];
  action: FhirCodeableConcept[];
  securityLabel: FhirCoding[];
  purpose: FhirCoding[];
}
/** The root rule: no `type` in R4; the period the consent holds (absent when it never held), and its rules. */
export interface FhirConsentProvision {
  period?: FhirPeriod;
  provision: FhirConsentRule[];
}
/** An R4 Extension: a URL and a value, or nested extensions (ext-1: not both). */
export interface FhirExtension {
  url: string;
  valueDateTime?: string;
  valueString?: string;
  valueReference?: FhirReference;
  extension?: FhirExtension[];
}
export interface FhirConsentPolicy {
  authority?: string;
  uri?: string;
}
/** The subset of R4 Consent this export fills, in the specification's element order. */
export interface FhirConsent {
  resourceType: 'Consent';
  id: string;
  meta: { lastUpdated: string };
  /** Only on a revoked consent: `consent-revocation`. */
  extension?: FhirExtension[];
  status: FhirConsentState;
  scope: FhirCodeableConcept;
  category: FhirCodeableConcept[];
  patient: FhirReference;
  dateTime: string;
  performer: FhirReference[];
  organization: FhirReference[];
  sourceReference: FhirReference;
  policy: FhirConsentPolicy[];
  provision: FhirConsentProvision;
}

export const FHIR_SYSTEMS = {
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  loinc: 'http://loinc.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  /** OneRoof's own categories: every label also carries one, so nothing HL7 cannot say is lost. */
  category: 'urn:oneroof:category',
  consentForm: 'urn:oneroof:consent-form',
  /** OneRoof's extension for a revocation: sub-extensions `revokedAt` (dateTime), `reason` (string), `revokedBy` (Reference(Organization)). */
  revocation: 'https://oneroof.dev/fhir/StructureDefinition/consent-revocation',
} as const;

/**
 * PENDING is "proposed" ("awaiting use but not yet intended to be acted upon"), not "active" with a
 * future period: a consumer that only reads `status` then fails closed, as OneRoof does.
 * EXPIRED and REVOKED are both "inactive" ("terminated"); the revocation extension and the period's
 * end tell them apart.
 */
export const STATUS_CODES: Record<ConsentStatus, FhirConsentState> = {
  ACTIVE: 'active',
  PENDING: 'proposed',
  REVOKED: 'inactive',
  EXPIRED: 'inactive',
};

const reason = (code: string, display: string): FhirCoding => ({ system: FHIR_SYSTEMS.actReason, code, display });
/** Purpose of use -> HL7 v3 PurposeOfUse (v3-ActReason, all present in the R4 code system). */
export const PURPOSE_CODES: Record<Purpose, FhirCoding> = {
  // Registering a client and who knows them: "operational activities to administer the delivery of care".
  INTAKE: reason('PATADMIN', 'patient administration'),
  // "Organize the provision and case management of an individual's care ... communication link between participants".
  CASE_MANAGEMENT: reason('COC', 'coordination of care'),
  // Art. 458ter conference: "prevent injury ... to living subjects who may be the target of violence".
  SECURITY_CONFERENCE: reason('THREAT', 'threat'),
  // Art. 458bis, audited and reviewed: HL7's policy-override purpose, as docs/interface.md (FHIR export) names it.
  EMERGENCY: reason('BTG', 'break the glass'),
  // Coordinators' counts: "activities to meet program accounting requirements".
  STATISTICS: reason('HPRGRP', 'health program reporting'),
  // Reading disclosure logs: "activities required to meet a mandate" (GDPR accountability).
  AUDIT: reason('HCOMPL', 'health compliance'),
};

const sensitivity = (code: string, display: string): FhirCoding => ({ system: FHIR_SYSTEMS.actCode, code, display });
/**
 * Category -> the HL7 v3-ActCode sensitivity codes of docs/authorization.md's category table. Each label set also gets
 * the category's `urn:oneroof:category` code. Deliberately absent:
 * - PATLOC (CONTACT): not a code in v3-ActCode, so LOCIS alone stands for location;
 * - N (IDENTITY) and any confidentiality code (R, V): in provision.securityLabel a confidentiality
 *   code is a high-water mark ("applies to all resources labelled R or lower"), so adding one would
 *   widen the grant beyond the chosen categories;
 * - JUSTICE: HL7 has no criminal-record sensitivity code; the local code carries it.
 */
export const CATEGORY_LABELS: Record<Category, readonly FhirCoding[]> = {
  IDENTITY: [],
  CONTACT: [sensitivity('LOCIS', 'location information sensitivity')],
  INVOLVEMENT: [],
  SAFETY: [
    sensitivity('SDV', 'sexual assault, abuse, or domestic violence information sensitivity'),
    sensitivity('VIO', 'violence information sensitivity'),
  ],
  JUSTICE: [],
  PROGRAM: [],
  CHILD: [sensitivity('ADOL', 'adolescent information sensitivity')],
  HOUSING: [],
  HEALTH: [
    sensitivity('MH', 'mental health information sensitivity'),
    sensitivity('PSY', 'psychiatry disorder information sensitivity'),
    sensitivity('SUD', 'substance use disorder information sensitivity'),
  ],
};

/** OneRoof's own code for a category, always present in the label set. */
export function categoryCoding(category: Category): FhirCoding {
  return { system: FHIR_SYSTEMS.category, code: category, display: `OneRoof data category ${category}` };
}

/** FHIR instants need seconds and a zone; re-serialising accepts any ISO form the store holds. */
function instant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`consent ${field} is not a date-time: ${value}`);
  return ms;
}
const iso = (ms: number): string => new Date(ms).toISOString();

/** The consent as an R4 Consent; `now` (ISO) decides whether it is active, pending or expired. */
export function consentToFhir(consent: ConsentRecord, now: string = new Date().toISOString()): FhirConsent {
  const start = instant(consent.validFrom, 'validFrom');
  // OneRoof's validUntil is exclusive ("no longer holds from this instant"); FHIR's Period.end is
  // inclusive, so the last instant covered is one millisecond earlier.
  const end = instant(consent.validUntil, 'validUntil') - 1;
  // The store's CHECK (valid_until > valid_from) rules this out; an invalid Period must not go out.
  if (end < start) throw new Error(`consent ${consent.id} ends before it starts`);
  const recordedAt = instant(consent.recordedAt, 'recordedAt');
  const revokedAt = consent.revocation ? instant(consent.revocation.revokedAt, 'revokedAt') : null;
  // A revoked consent holds until the revocation: its period ends there (or earlier, where it had
  // expired first). Revoked before it began, it never held: the root rule then has no period.
  const last = revokedAt === null ? end : Math.min(end, revokedAt);
  // Canonical order and no duplicates, so the same consent always exports the same resource.
  const categories = CATEGORIES.filter((c) => consent.categories.includes(c));
  const purposes = PURPOSES.filter((p) => consent.purposes.includes(p));
  const patient = { reference: `Patient/${consent.clientId}` };
  return {
    resourceType: 'Consent',
    id: consent.id,
    meta: { lastUpdated: iso(revokedAt ?? recordedAt) },
    ...(consent.revocation && revokedAt !== null ? { extension: [revocationExtension(consent.revocation, revokedAt)] } : {}),
    status: STATUS_CODES[consentStatus(consent, now)],
    scope: { coding: [{ system: FHIR_SYSTEMS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }] },
    // From the R4 consent-category example value set: a patient consent, to disclose information.
    category: [
      { coding: [{ system: FHIR_SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: FHIR_SYSTEMS.actCode, code: 'IDSCL', display: 'information disclosure' }] },
    ],
    patient,
    dateTime: iso(recordedAt),
    // The client grants (staff only record it on the client's behalf); the FJC keeps the consent.
    performer: [patient],
    organization: [{ reference: 'Organization/fjc', display: AGENCY_NAMES.fjc }],
    // The signed form lives outside FHIR: an identifier-only reference to it.
    sourceReference: {
      type: 'DocumentReference',
      identifier: { system: FHIR_SYSTEMS.consentForm, value: consent.evidenceReference },
    },
    // ppc-1 needs policy or policyRule. OneRoof's default is deny (CONSENT_REQUIRED); the nested permit opts in.
    policy: [{ authority: 'urn:oneroof:fjc', uri: 'urn:oneroof:policy:consent-v1' }],
    provision: {
      ...(last >= start ? { period: { start: iso(start), end: iso(last) } } : {}),
      provision: [
        {
          type: 'permit',
          actor: [
            {
              role: { coding: [{ system: FHIR_SYSTEMS.participationType, code: 'IRCP', display: 'information recipient' }] },
              reference: { reference: `Organization/${consent.granteeAgency}`, display: AGENCY_NAMES[consent.granteeAgency] },
            },
          ],
          // OneRoof only ever shows data to the grantee: read access, never correction.
          action: [{ coding: [{ system: FHIR_SYSTEMS.consentAction, code: 'access', display: 'Access' }] }],
          // Copies, so a caller editing the resource cannot change the tables for the next export.
          securityLabel: categories.flatMap((c) => [categoryCoding(c), ...CATEGORY_LABELS[c].map((l) => ({ ...l }))]),
          purpose: purposes.map((p) => ({ ...PURPOSE_CODES[p] })),
        },
      ],
    },
  };
}

/** When, why and by which agency a consent was revoked (`FHIR_SYSTEMS.revocation`). */
function revocationExtension(revocation: NonNullable<ConsentRecord['revocation']>, revokedAt: number): FhirExtension {
  return {
    url: FHIR_SYSTEMS.revocation,
    extension: [
      { url: 'revokedAt', valueDateTime: iso(revokedAt) },
      { url: 'reason', valueString: revocation.reason },
      { url: 'revokedBy', valueReference: { reference: `Organization/${revocation.revokedByAgency}`, display: AGENCY_NAMES[revocation.revokedByAgency] } },
    ],
  };
}
