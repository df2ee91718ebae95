import { AGENCY_NAMES } from '../../lib/agencies';
import { CATEGORIES, PURPOSES } from '../../lib/viewer';
import {
  CATEGORY_LABELS,
  FHIR_SYSTEMS,
  PURPOSE_CODES,
  categoryCoding,
  consentToFhir,
  type FhirConsent,
} from '../../subgraphs/fjc/fhir';
import type { ConsentRecord } from '../../subgraphs/fjc/types';
import { Fhir } from 'fhir';
import { ALLOWED_CODES, validateR4Consent } from '../helpers/fhirConsentSchema';

const NOW = '2025-03-01T12:00:00.000Z';

function consent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: 'CONS-000042',
    clientId: 'FJC-000007',
    granteeAgency: 'police',
    categories: ['SAFETY', 'IDENTITY'],
    purposes: ['CASE_MANAGEMENT'],
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2026-01-01T00:00:00.000Z',
    evidenceReference: 'FORM-2025-0042',
    renews: null,
    recordedBy: 'staff-17',
    recordedByAgency: 'fjc',
    recordedAt: '2024-12-20T09:30:00.000Z',
    revocation: null,
    ...overrides,
  };
}

const DELETE = Symbol('delete');
/** The active export with one element, named by a dotted path, replaced or deleted: to break on purpose. */
function broken(path: string, value: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(consentToFhir(consent(), NOW)));
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}
/** The nested permit rule: what is granted, to whom, for what. */
const rule = (r: FhirConsent) => r.provision.provision[0]!;
const labels = (r: FhirConsent): string[] => rule(r).securityLabel.map((c) => `${c.system}|${c.code}`);

describe('FHIR R4 Consent export', () => {
  it('exports an active consent as a valid active permit for the grantee organisation', () => {
    const r = consentToFhir(consent(), NOW);
    expect(validateR4Consent(r)).toEqual([]);
    expect(r).toMatchObject({
      resourceType: 'Consent',
      id: 'CONS-000042',
      status: 'active',
      meta: { lastUpdated: '2024-12-20T09:30:00.000Z' },
      patient: { reference: 'Patient/FJC-000007' },
      dateTime: '2024-12-20T09:30:00.000Z',
      performer: [{ reference: 'Patient/FJC-000007' }],
      organization: [{ reference: 'Organization/fjc' }],
      sourceReference: { identifier: { system: FHIR_SYSTEMS.consentForm, value: 'FORM-2025-0042' } },
    });
    // R4: no type on the root rule; one nested permit.
    expect(r.provision).not.toHaveProperty('type');
    expect(r.provision.provision).toHaveLength(1);
    expect(rule(r).type).toBe('permit');
    expect(rule(r).actor).toEqual([
      expect.objectContaining({ reference: { reference: 'Organization/police', display: AGENCY_NAMES.police } }),
    ]);
    expect(rule(r).actor[0]!.role.coding[0]).toMatchObject({ system: FHIR_SYSTEMS.participationType, code: 'IRCP' });
  });

  it('ends the FHIR period on the last millisecond the consent holds, since Period.end is inclusive', () => {
    const r = consentToFhir(consent(), NOW);
    expect(r.provision.period).toEqual({ start: '2025-01-01T00:00:00.000Z', end: '2025-12-31T23:59:59.999Z' });
  });

  it('normalises any ISO date-time the store holds into a FHIR instant', () => {
    const r = consentToFhir(consent({ validFrom: '2025-01-01T01:00:00+01:00', recordedAt: '2024-12-20T09:30Z' }), NOW);
    expect(r.provision.period!.start).toBe('2025-01-01T00:00:00.000Z');
    expect(r.dateTime).toBe('2024-12-20T09:30:00.000Z');
    expect(validateR4Consent(r)).toEqual([]);
  });

  const REVOCATION = { reason: 'Client withdrew consent at the desk', revokedBy: 'staff-3', revokedByAgency: 'fjc' as const, revokedAt: '2025-02-10T08:00:00.000Z' };

  it('exports a revoked consent as inactive, its period ending at the revocation, with when, why and by whom in the revocation extension', () => {
    const r = consentToFhir(consent({ revocation: REVOCATION }), NOW);
    expect(validateR4Consent(r)).toEqual([]);
    expect(r.status).toBe('inactive');
    expect(r.meta.lastUpdated).toBe('2025-02-10T08:00:00.000Z');
    expect(r.provision.period).toEqual({ start: '2025-01-01T00:00:00.000Z', end: '2025-02-10T08:00:00.000Z' });
    expect(r.extension).toEqual([{
      url: 'https://oneroof.dev/fhir/StructureDefinition/consent-revocation',
      extension: [
        { url: 'revokedAt', valueDateTime: '2025-02-10T08:00:00.000Z' },
        { url: 'reason', valueString: 'Client withdrew consent at the desk' },
        { url: 'revokedBy', valueReference: { reference: 'Organization/fjc', display: AGENCY_NAMES.fjc } },
      ],
    }]);
    // What was granted stands as recorded: the history is kept; staff ids stay in OneRoof.
    expect(r.provision.provision).toEqual(consentToFhir(consent(), NOW).provision.provision);
    expect(JSON.stringify(r)).not.toMatch(/staff-3|staff-17/);
  });

  it('exports an expired consent as inactive, its period as recorded and no revocation: told apart from a revoked one', () => {
    const r = consentToFhir(consent({ validUntil: '2025-03-01T12:00:00.000Z' }), NOW);
    expect(validateR4Consent(r)).toEqual([]);
    expect(r.status).toBe('inactive');
    expect(r.provision.period).toEqual({ start: '2025-01-01T00:00:00.000Z', end: '2025-03-01T11:59:59.999Z' });
    expect(r).not.toHaveProperty('extension');
  });

  it('ends a consent revoked after it had expired at its own end, and gives one revoked before it began no period', () => {
    const late = consentToFhir(consent({ validUntil: '2025-02-01T00:00:00.000Z', revocation: REVOCATION }), NOW);
    expect(late.provision.period!.end).toBe('2025-01-31T23:59:59.999Z');
    const early = consentToFhir(consent({ validFrom: '2025-04-01T00:00:00.000Z', revocation: REVOCATION }), NOW);
    expect(early.provision).not.toHaveProperty('period');
    expect(early.status).toBe('inactive');
    for (const r of [late, early]) expect(validateR4Consent(r)).toEqual([]);
  });

  it.each([
    ['active', {}],
    ['proposed', { validFrom: '2025-04-01T00:00:00.000Z' }],
    ['revoked', { revocation: REVOCATION }],
    ['expired', { validUntil: '2025-03-01T12:00:00.000Z' }],
  ] as [string, Partial<ConsentRecord>][])('passes an independent FHIR R4 validator (the fhir package) for a %s consent', (_name, overrides) => {
    const result = new Fhir().validate(consentToFhir(consent(overrides), NOW) as unknown as Record<string, unknown>);
    expect(result.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('exports a pending consent as proposed, with its future period, so status-only readers fail closed', () => {
    const r = consentToFhir(consent({ validFrom: '2025-04-01T00:00:00.000Z' }), NOW);
    expect(validateR4Consent(r)).toEqual([]);
    expect(r.status).toBe('proposed');
    expect(r.provision.period!.start).toBe('2025-04-01T00:00:00.000Z');
  });

  it('labels every category with its own code and the HL7 sensitivity codes of the contract table', () => {
    const r = consentToFhir(consent({ categories: [...CATEGORIES].reverse() }), NOW);
    expect(validateR4Consent(r)).toEqual([]);
    const act = (code: string) => `${FHIR_SYSTEMS.actCode}|${code}`;
    const local = (code: string) => `${FHIR_SYSTEMS.category}|${code}`;
    expect(labels(r)).toEqual([
      local('IDENTITY'),
      local('CONTACT'), act('LOCIS'),
      local('INVOLVEMENT'),
      local('SAFETY'), act('SDV'), act('VIO'),
      local('JUSTICE'),
      local('PROGRAM'),
      local('CHILD'), act('ADOL'),
      local('HOUSING'),
      local('HEALTH'), act('MH'), act('PSY'), act('SUD'),
    ]);
  });

  it('never puts a confidentiality code in the labels, which would widen the grant to all data at that level', () => {
    const r = consentToFhir(consent({ categories: [...CATEGORIES] }), NOW);
    expect(rule(r).securityLabel.some((c) => c.system.endsWith('v3-Confidentiality'))).toBe(false);
  });

  it('covers only the categories granted, once each', () => {
    const r = consentToFhir(consent({ categories: ['CONTACT', 'CONTACT'] }), NOW);
    expect(labels(r)).toEqual([`${FHIR_SYSTEMS.category}|CONTACT`, `${FHIR_SYSTEMS.actCode}|LOCIS`]);
  });

  it('maps every purpose to an HL7 v3 PurposeOfUse code, in canonical order and once each', () => {
    const r = consentToFhir(consent({ purposes: [...PURPOSES].reverse().concat('AUDIT') }), NOW);
    expect(validateR4Consent(r)).toEqual([]);
    expect(rule(r).purpose.map((c) => c.code)).toEqual(['PATADMIN', 'COC', 'THREAT', 'BTG', 'HPRGRP', 'HCOMPL']);
    expect(new Set(rule(r).purpose.map((c) => c.system))).toEqual(new Set([FHIR_SYSTEMS.actReason]));
  });

  it('uses only HL7 codes the validator knows exist in R4, for every table entry', () => {
    for (const p of PURPOSES) expect(ALLOWED_CODES.purpose[PURPOSE_CODES[p].system]).toContain(PURPOSE_CODES[p].code);
    for (const c of CATEGORIES) {
      for (const label of [categoryCoding(c), ...CATEGORY_LABELS[c]]) {
        const known = ALLOWED_CODES.securityLabel[label.system];
        expect(known === null || (known !== undefined && known.includes(label.code))).toBe(true);
      }
    }
  });

  it('is pure: the same consent and instant give the same resource, input and tables are left as they were', () => {
    const input = consent({ categories: ['HEALTH', 'CONTACT'] });
    const before = JSON.stringify(input);
    const first = consentToFhir(input, NOW);
    expect(consentToFhir(input, NOW)).toEqual(first);
    expect(JSON.stringify(input)).toBe(before);
    // Editing one export (as a resolver might) must not leak into the tables or the next export.
    rule(first).purpose[0]!.code = 'EDITED';
    rule(first).securityLabel[1]!.code = 'EDITED';
    expect(consentToFhir(input, NOW)).not.toEqual(first);
    expect(PURPOSE_CODES.CASE_MANAGEMENT.code).toBe('COC');
  });

  it('refuses a consent whose dates cannot be read, rather than export a wrong period', () => {
    expect(() => consentToFhir(consent({ validUntil: 'soon' }), NOW)).toThrow(/validUntil/);
  });
});

describe('the R4 Consent validator', () => {
  const valid = consentToFhir(consent(), NOW);
  it.each<[string, string, unknown, RegExp]>([
    ['a missing scope', 'scope', DELETE, /Consent\.scope: is required/],
    ['an empty category list', 'category', [], /ele-1/],
    ['a status outside consent-state-codes', 'status', 'revoked', /Consent\.status/],
    ['provision.type "maybe"', 'provision.provision.0.type', 'maybe', /provision\[0\]\.type: must be permit or deny/],
    ['a type on the root rule', 'provision.type', 'permit', /Consent\.provision\.type: is not permitted in the root rule/],
    ['an extension with both a value and extensions', 'extension', [{ url: 'https://example.org/x', valueString: 'a', extension: [{ url: 'b', valueString: 'c' }] }], /ext-1/],
    ['a coding without system', 'provision.provision.0.purpose.0.system', DELETE, /purpose\[0\]\.system: must be an absolute URI/],
    ['a code from a system not allowed there', 'provision.provision.0.purpose.0.system', 'http://example.org/why', /not an allowed code system/],
    ['an unknown HL7 code', 'provision.provision.0.securityLabel.2.code', 'PATLOC', /PATLOC is not a known code/],
    ['an R5 element name', 'decision', 'permit', /Consent\.decision: is not an R4 element/],
    ['an unknown provision element', 'provision.grantee', [valid.patient], /provision\.grantee: is not an R4 element/],
    ['a period ending before it starts', 'provision.period.end', '2024-01-01T00:00:00Z', /per-1/],
    ['a date-time without seconds or zone', 'dateTime', '2024-12-20T09:30', /Consent\.dateTime: is not a FHIR dateTime/],
    ['a lastUpdated that is only a date', 'meta.lastUpdated', '2024-12-20', /lastUpdated: is not a FHIR instant/],
    ['a reference with only a display', 'patient', { display: 'someone' }, /patient: needs a reference or an identifier/],
    ['an actor without role', 'provision.provision.0.actor.0.role', DELETE, /actor\[0\]\.role: is required/],
    ['a nested provision without type', 'provision.provision', [{ purpose: valid.provision.provision[0]!.purpose }], /provision\[0\]\.type: is required/],
    ['no policy and no policyRule (ppc-1)', 'policy', DELETE, /ppc-1/],
    ['a privacy consent without patient (ppc-2)', 'patient', DELETE, /ppc-2/],
    ['both source types', 'sourceAttachment', { title: 'signed form' }, /source\[x\]/],
    ['a single category given as an object', 'category', valid.category[0], /category: must be an array/],
  ])('rejects %s', (_name, path, value, expected) => {
    expect(validateR4Consent(broken(path, value)).join('\n')).toMatch(expected);
  });

  it('rejects anything that is not a Consent', () => {
    expect(validateR4Consent({ resourceType: 'Patient' }).join('\n')).toMatch(/resourceType/);
    expect(validateR4Consent(null)).not.toEqual([]);
  });
});
