/**
 * A small structural validator for HL7 FHIR R4 (4.0.1) `Consent` JSON, so the export is checked
 * against the specification rather than against itself. It covers element names and cardinalities
 * (Consent, Consent.policy, Consent.provision and its actor/data), the datatypes the export uses,
 * the ppc-1..ppc-5 invariants, ele-1 (no empty values) and per-element allowed code systems.
 * Returns the problems found, each prefixed with its path; [] means valid.
 */
type Json = Record<string, unknown>;

const CONSENT_ELEMENTS = ['resourceType', 'id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension',
  'modifierExtension', 'identifier', 'status', 'scope', 'category', 'patient', 'dateTime', 'performer', 'organization',
  'sourceAttachment', 'sourceReference', 'policy', 'policyRule', 'verification', 'provision'];
const BACKBONE = ['id', 'extension', 'modifierExtension'];
const PROVISION_ELEMENTS = [...BACKBONE, 'type', 'period', 'actor', 'action', 'securityLabel', 'purpose', 'class', 'code',
  'dataPeriod', 'data', 'provision'];
const CONSENT_STATES = ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'];
// The R4 datatypes page's regular expressions: a time needs seconds and a zone; an instant needs all.
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const TIME = 'T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const DATE_TIME = new RegExp(`^${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(${TIME})?)?)?$`);
const INSTANT = new RegExp(`^${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])${TIME}$`);
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const CODE = /^[^\s]+( [^\s]+)*$/;
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const LITERAL_REFERENCE = /^([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}|https?:\/\/\S+)$/;

const HL7 = 'http://terminology.hl7.org/CodeSystem/';
/** Codes checked to exist in the R4 releases of these systems; `null` = any code from the system. */
export const ALLOWED_CODES: Record<string, Record<string, readonly string[] | null>> = {
  scope: { [`${HL7}consentscope`]: ['adr', 'research', 'patient-privacy', 'treatment'] },
  // R4 consent-category example value set: four LOINC codes, consentcategorycodes, v3 ActConsentType.
  category: {
    'http://loinc.org': ['59284-0', '57016-8', '57017-6', '64292-6'],
    [`${HL7}consentcategorycodes`]: null,
    [`${HL7}v3-ActCode`]: ['ICOL', 'IDSCL', 'INFA', 'INFAO', 'INFASO', 'IRDSCL', 'RESEARCH', 'RSDID', 'RSREID'],
  },
  purpose: { [`${HL7}v3-ActReason`]: ['PATADMIN', 'COC', 'THREAT', 'BTG', 'ETREAT', 'TREAT', 'HPRGRP', 'HCOMPL',
    'HOPERAT', 'PUBHLTH', 'HRESCH', 'CAREMGT', 'RECORDMGT'] },
  securityLabel: {
    [`${HL7}v3-ActCode`]: ['ETH', 'GDIS', 'HIV', 'MST', 'SCA', 'SDV', 'SEX', 'SPI', 'BH', 'COGN', 'DVD', 'EMOTDIS', 'MH',
      'PSY', 'PSYTHPN', 'SUD', 'ETHUD', 'OPIOIDUD', 'STD', 'TBOO', 'VIO', 'DEMO', 'DOB', 'GENDER', 'LIVARG', 'MARST',
      'RACE', 'REL', 'B', 'EMPL', 'LOCIS', 'SSP', 'ADOL', 'CEL', 'DIA', 'DRGIS', 'EMP', 'PDS', 'PHY', 'PRS'],
    [`${HL7}v3-Confidentiality`]: ['U', 'L', 'M', 'N', 'R', 'V'],
    'urn:oneroof:category': null,
  },
  actorRole: { [`${HL7}v3-ParticipationType`]: null, [`${HL7}v3-RoleCode`]: null, [`${HL7}v3-RoleClass`]: null },
  action: { [`${HL7}consentaction`]: ['collect', 'access', 'use', 'disclose', 'correct'] },
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateR4Consent(resource: unknown): string[] {
  const problems: string[] = [];
  const fail = (path: string, message: string): void => void problems.push(`${path}: ${message}`);

  const known = (path: string, value: Json, names: readonly string[]): void => {
    for (const key of Object.keys(value)) if (!names.includes(key)) fail(`${path}.${key}`, 'is not an R4 element here');
  };
  /** Cardinality: `many` elements are JSON arrays, the others are not; `min` 1 means required. */
  const card = (path: string, value: unknown, min: 0 | 1, many: boolean): unknown[] => {
    if (value === undefined) {
      if (min === 1) fail(path, 'is required');
      return [];
    }
    if (many !== Array.isArray(value)) fail(path, many ? 'must be an array (0..*)' : 'must not be an array (max 1)');
    return Array.isArray(value) ? value : [value];
  };
  const coding = (path: string, value: unknown, allowed?: Record<string, readonly string[] | null>): void => {
    if (!isObject(value)) return fail(path, 'must be a Coding object');
    known(path, value, ['id', 'extension', 'system', 'version', 'code', 'display', 'userSelected']);
    const { system, code } = value;
    if (typeof system !== 'string' || !ABSOLUTE_URI.test(system)) fail(`${path}.system`, 'must be an absolute URI');
    if (typeof code !== 'string' || !CODE.test(code)) fail(`${path}.code`, 'must be a code');
    if (!allowed || typeof system !== 'string') return;
    if (!(system in allowed)) return fail(`${path}.system`, `${system} is not an allowed code system here`);
    const codes = allowed[system];
    if (codes && !codes.includes(String(code))) fail(`${path}.code`, `${String(code)} is not a known code of ${system}`);
  };
  const concept = (path: string, value: unknown, allowed?: Record<string, readonly string[] | null>): void => {
    if (!isObject(value)) return fail(path, 'must be a CodeableConcept object');
    known(path, value, ['id', 'extension', 'coding', 'text']);
    const codings = card(`${path}.coding`, value.coding, value.text === undefined ? 1 : 0, true);
    codings.forEach((c, i) => coding(`${path}.coding[${i}]`, c, allowed));
  };
  const reference = (path: string, value: unknown): void => {
    if (!isObject(value)) return fail(path, 'must be a Reference object');
    known(path, value, ['id', 'extension', 'reference', 'type', 'identifier', 'display']);
    const { reference: literal, identifier, type } = value;
    if (literal === undefined && identifier === undefined) fail(path, 'needs a reference or an identifier');
    if (literal !== undefined && (typeof literal !== 'string' || !LITERAL_REFERENCE.test(literal))) {
      fail(`${path}.reference`, 'is not a literal reference');
    }
    if (type !== undefined && (typeof type !== 'string' || !/^[A-Z][A-Za-z]+$|^https?:\/\//.test(type))) {
      fail(`${path}.type`, 'is not a resource type');
    }
    if (identifier !== undefined) {
      if (!isObject(identifier)) return fail(`${path}.identifier`, 'must be an Identifier object');
      if (typeof identifier.system !== 'string' || !ABSOLUTE_URI.test(identifier.system)) {
        fail(`${path}.identifier.system`, 'must be an absolute URI');
      }
      if (typeof identifier.value !== 'string') fail(`${path}.identifier.value`, 'is required');
    }
  };
  const dateTime = (path: string, value: unknown, pattern = DATE_TIME): void => {
    if (typeof value !== 'string' || !pattern.test(value)) {
      fail(path, `is not a FHIR ${pattern === INSTANT ? 'instant' : 'dateTime'}`);
    }
  };
  const period = (path: string, value: unknown): void => {
    if (!isObject(value)) return fail(path, 'must be a Period object');
    known(path, value, ['id', 'extension', 'start', 'end']);
    if (value.start !== undefined) dateTime(`${path}.start`, value.start);
    if (value.end !== undefined) dateTime(`${path}.end`, value.end);
    // per-1: if present, start SHALL have a lower value than end.
    const { start, end } = value;
    if (typeof start === 'string' && typeof end === 'string' && Date.parse(start) > Date.parse(end)) {
      fail(path, 'per-1: start is after end');
    }
  };
  /** ele-1: every element has a value or children; JSON never carries null, "" , {} or []. */
  const noEmpty = (path: string, value: unknown): void => {
    const empty = Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;
    if (value === null || value === '' || empty) fail(path, 'ele-1: empty value');
    if (Array.isArray(value)) value.forEach((v, i) => noEmpty(`${path}[${i}]`, v));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) noEmpty(`${path}.${k}`, v);
  };
  const provision = (path: string, value: unknown, nested: boolean): void => {
    if (!isObject(value)) return fail(path, 'must be a provision object');
    known(path, value, PROVISION_ELEMENTS);
    // R4's definition of Consent.provision.type: "not permitted in root rule, required for all nested rules".
    if (!nested && value.type !== undefined) fail(`${path}.type`, 'is not permitted in the root rule');
    card(`${path}.type`, value.type, nested ? 1 : 0, false).forEach((t) => {
      if (t !== 'permit' && t !== 'deny') fail(`${path}.type`, 'must be permit or deny');
    });
    card(`${path}.period`, value.period, 0, false).forEach((p) => period(`${path}.period`, p));
    card(`${path}.dataPeriod`, value.dataPeriod, 0, false).forEach((p) => period(`${path}.dataPeriod`, p));
    card(`${path}.actor`, value.actor, 0, true).forEach((a, i) => {
      const at = `${path}.actor[${i}]`;
      if (!isObject(a)) return fail(at, 'must be an object');
      known(at, a, [...BACKBONE, 'role', 'reference']);
      card(`${at}.role`, a.role, 1, false).forEach((r) => concept(`${at}.role`, r, ALLOWED_CODES.actorRole));
      card(`${at}.reference`, a.reference, 1, false).forEach((r) => reference(`${at}.reference`, r));
    });
    const { action, securityLabel, purpose } = ALLOWED_CODES;
    card(`${path}.action`, value.action, 0, true).forEach((a, i) => concept(`${path}.action[${i}]`, a, action));
    card(`${path}.securityLabel`, value.securityLabel, 0, true).forEach((c, i) => coding(`${path}.securityLabel[${i}]`, c, securityLabel));
    card(`${path}.purpose`, value.purpose, 0, true).forEach((c, i) => coding(`${path}.purpose[${i}]`, c, purpose));
    card(`${path}.class`, value.class, 0, true).forEach((c, i) => coding(`${path}.class[${i}]`, c));
    card(`${path}.code`, value.code, 0, true).forEach((c, i) => concept(`${path}.code[${i}]`, c));
    card(`${path}.data`, value.data, 0, true).forEach((d, i) => {
      const at = `${path}.data[${i}]`;
      if (!isObject(d)) return fail(at, 'must be an object');
      known(at, d, [...BACKBONE, 'meaning', 'reference']);
      if (!['instance', 'related', 'dependents', 'authoredby'].includes(String(d.meaning))) {
        fail(`${at}.meaning`, 'is not a consent-data-meaning code');
      }
      card(`${at}.reference`, d.reference, 1, false).forEach((r) => reference(`${at}.reference`, r));
    });
    card(`${path}.provision`, value.provision, 0, true).forEach((p, i) => provision(`${path}.provision[${i}]`, p, true));
  };

  if (!isObject(resource)) return ['Consent: must be a JSON object'];
  const c = resource;
  if (c.resourceType !== 'Consent') fail('Consent.resourceType', 'must be "Consent"');
  known('Consent', c, CONSENT_ELEMENTS);
  noEmpty('Consent', c);
  if (c.id !== undefined && (typeof c.id !== 'string' || !ID.test(c.id))) fail('Consent.id', 'is not a FHIR id');
  card('Consent.meta', c.meta, 0, false).forEach((m) => {
    if (!isObject(m)) return fail('Consent.meta', 'must be a Meta object');
    known('Consent.meta', m, ['id', 'extension', 'versionId', 'lastUpdated', 'source', 'profile', 'security', 'tag']);
    if (m.lastUpdated !== undefined) dateTime('Consent.meta.lastUpdated', m.lastUpdated, INSTANT);
  });
  const extension = (path: string, value: unknown, nested: boolean): void => {
    if (!isObject(value)) return fail(path, 'must be an Extension object');
    known(path, value, ['id', 'extension', 'url', 'valueString', 'valueDateTime', 'valueReference', 'valueCode', 'valueBoolean']);
    // A top-level extension is named by an absolute URL; a nested one may use a simple name.
    if (typeof value.url !== 'string' || !(nested ? /^\S+$/ : ABSOLUTE_URI).test(value.url)) fail(`${path}.url`, 'is required (a URI)');
    const values = Object.keys(value).filter((k) => k.startsWith('value'));
    // ext-1: an extension has either a value or nested extensions, not both.
    if (values.length + (value.extension === undefined ? 0 : 1) !== 1) fail(path, 'ext-1: either one value[x] or extensions');
    if (value.valueDateTime !== undefined) dateTime(`${path}.valueDateTime`, value.valueDateTime);
    if (value.valueReference !== undefined) reference(`${path}.valueReference`, value.valueReference);
    card(`${path}.extension`, value.extension, 0, true).forEach((e, i) => extension(`${path}.extension[${i}]`, e, true));
  };
  card('Consent.extension', c.extension, 0, true).forEach((e, i) => extension(`Consent.extension[${i}]`, e, false));
  card('Consent.status', c.status, 1, false).forEach((s) => {
    if (!CONSENT_STATES.includes(String(s))) fail('Consent.status', `${String(s)} is not a consent-state-codes code`);
  });
  card('Consent.scope', c.scope, 1, false).forEach((s) => concept('Consent.scope', s, ALLOWED_CODES.scope));
  card('Consent.category', c.category, 1, true).forEach((k, i) => concept(`Consent.category[${i}]`, k, ALLOWED_CODES.category));
  card('Consent.patient', c.patient, 0, false).forEach((p) => reference('Consent.patient', p));
  card('Consent.dateTime', c.dateTime, 0, false).forEach((d) => dateTime('Consent.dateTime', d));
  for (const name of ['performer', 'organization'] as const) {
    card(`Consent.${name}`, c[name], 0, true).forEach((r, i) => reference(`Consent.${name}[${i}]`, r));
  }
  if (c.sourceAttachment !== undefined && c.sourceReference !== undefined) fail('Consent.source[x]', 'only one type may be present');
  card('Consent.sourceReference', c.sourceReference, 0, false).forEach((r) => reference('Consent.sourceReference', r));
  const policies = card('Consent.policy', c.policy, 0, true);
  policies.forEach((p, i) => {
    if (!isObject(p)) return fail(`Consent.policy[${i}]`, 'must be an object');
    known(`Consent.policy[${i}]`, p, [...BACKBONE, 'authority', 'uri']);
    for (const k of ['authority', 'uri'] as const) {
      if (p[k] !== undefined && !ABSOLUTE_URI.test(String(p[k]))) fail(`Consent.policy[${i}].${k}`, 'must be an absolute URI');
    }
  });
  card('Consent.policyRule', c.policyRule, 0, false).forEach((r) => concept('Consent.policyRule', r));
  card('Consent.verification', c.verification, 0, true).forEach((v, i) => {
    if (!isObject(v) || typeof v.verified !== 'boolean') fail(`Consent.verification[${i}].verified`, 'is required (boolean)');
  });
  card('Consent.provision', c.provision, 0, false).forEach((p) => provision('Consent.provision', p, false));

  // ppc-1: policy.exists() or policyRule.exists()
  if (policies.length === 0 && c.policyRule === undefined) fail('Consent', 'ppc-1: either a policy or a policyRule');
  // ppc-2..5: these scopes need a patient. R4's published expressions test system='something' (a
  // known placeholder in 4.0.1); this checks the intended consentscope system.
  const scopes = isObject(c.scope) && Array.isArray(c.scope.coding) ? c.scope.coding.filter(isObject) : [];
  for (const [key, code] of [['ppc-2', 'patient-privacy'], ['ppc-3', 'research'], ['ppc-4', 'adr'], ['ppc-5', 'treatment']]) {
    const applies = scopes.some((s) => s.system === `${HL7}consentscope` && s.code === code);
    if (applies && c.patient === undefined) fail('Consent', `${key}: scope ${code} needs a patient`);
  }
  return problems;
}
