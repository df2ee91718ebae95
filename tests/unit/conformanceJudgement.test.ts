import fc from 'fast-check';
import { recordHash, type Disclosure } from '../../conformance/checks/audit';
import { granularityProblems, seriesProblems, type Series } from '../../conformance/checks/statistics';
import { evaluate, type Expectation } from '../../conformance/evaluate';
import { expectedDecision, expectedRemedy } from '../../conformance/oracle';
import { CATEGORIES, PURPOSES, ROLES, type Bases, type Viewer } from '../../conformance/protocol';
import type { FieldShape } from '../../conformance/sdl';
import type { Answer, GraphQLError } from '../../conformance/transport';
import { GENESIS_HASH } from '../../lib/kit/disclosure/canonical';
import { rowsFromLedger } from '../../lib/kit/disclosure/record';
import { decide } from '../../lib/policy/decide';
import { remedyFor } from '../../lib/policy/remedy';
import type { ClientLedger } from '../../lib/policy/access';

/**
 * The suite's own judgements, each shown to fail on the defect it exists to catch: the field-by-field
 * evaluation of an answer, the hash of a disclosure record, the statistics rules, and the oracle,
 * held to OneRoof's policy so that a change to either shows up as a protocol change.
 */

const caseManager: Viewer = { sub: 'cm-1', name: 'CM', agency: 'fjc', roles: ['CASE_MANAGER'] };
const SHAPES: FieldShape[] = [{
  name: 'police', coordinate: 'Client.police', category: null, nonNull: false, list: false, children: [
    { name: 'involved', coordinate: 'PoliceFile.involved', category: 'INVOLVEMENT', nonNull: true, list: false, children: null },
    { name: 'interventions', coordinate: 'PoliceFile.interventions', category: 'JUSTICE', nonNull: false, list: true, children: [
      { name: 'kind', coordinate: 'PoliceIntervention.kind', category: 'JUSTICE', nonNull: true, list: false, children: null },
    ] },
  ],
}];
const ROOT = ['_entities', 0];
const WITHHELD_JUSTICE: GraphQLError = {
  message: 'This field is withheld.', path: ['_entities', 0, 'police', 'interventions'],
  extensions: { code: 'CONSENT_REQUIRED', category: 'JUSTICE', agency: 'police', reason: 'NO_BASIS',
    remedy: { kind: 'CONSENT', category: 'JUSTICE', grantee: 'fjc', purpose: 'CASE_MANAGEMENT', alternatives: [{ kind: 'SECURITY_CONFERENCE', category: 'JUSTICE' }] } },
};

function answer(police: unknown, errors: GraphQLError[] = [WITHHELD_JUSTICE]): Answer {
  return { status: 200, headers: new Headers(), requestId: 'r', body: { data: { _entities: [police === undefined ? {} : { police }] }, ...(errors.length ? { errors } : {}) } };
}

function expectation(bases: Bases | null, assertionId?: string): Expectation {
  return {
    agency: 'police', viewer: caseManager, purpose: 'CASE_MANAGEMENT', assertionId,
    decide: (category) => expectedDecision({ viewer: caseManager, purpose: 'CASE_MANAGEMENT', owner: 'police', category, bases }),
    reference: { police: { involved: true, interventions: [{ kind: 'PHYSICAL' }] } },
  };
}

const CONSENT_TO_INVOLVEMENT: Bases = { consent: ['INVOLVEMENT'], conference: null, emergency: false, jointClient: false, protectedContact: false };
const blamed = (a: Answer, e = expectation(CONSENT_TO_INVOLVEMENT)) => [...new Set(evaluate(a, e, SHAPES, ROOT).problems.map((p) => p.id))].sort();
const withExtensions = (changes: Record<string, unknown>): GraphQLError => ({ ...WITHHELD_JUSTICE, extensions: { ...WITHHELD_JUSTICE.extensions, ...changes } });

describe('the suite\'s evaluation of a release', () => {
  it('passes an answer that releases the consented category and withholds the other as the protocol says', () => {
    const result = evaluate(answer({ involved: true, interventions: null }), expectation(CONSENT_TO_INVOLVEMENT), SHAPES, ROOT);
    expect(result.problems).toEqual([]);
    expect([...result.exercised].sort()).toEqual(['AP-ERR-1', 'AP-ERR-2', 'AP-ERR-3', 'AP-POL-4', 'AP-POL-8', 'AP-POL-9']);
    expect([...result.released]).toEqual(['PoliceFile.involved']);
    expect(Object.fromEntries(result.granted)).toEqual({ INVOLVEMENT: 'CONSENT' });
    expect(Object.fromEntries(result.denied)).toEqual({ JUSTICE: 'CONSENT_REQUIRED' });
  });

  it('blames the rule that should have withheld a released field', () => {
    expect(blamed(answer({ involved: true, interventions: [{ kind: 'PHYSICAL' }] }, []))).toEqual(['AP-POL-8']);
    expect(blamed(answer({ involved: true, interventions: null }, []))).toEqual(['AP-POL-8']);
  });

  it('blames the rule when the code is wrong, and the error shape or remedy when they are', () => {
    expect(blamed(answer({ involved: true, interventions: null }, [withExtensions({ code: 'FORBIDDEN' })]))).toEqual(['AP-POL-8']);
    expect(blamed(answer({ involved: true, interventions: null }, [withExtensions({ agency: 'housing' })]))).toEqual(['AP-ERR-1']);
    expect(blamed(answer({ involved: true, interventions: null }, [withExtensions({ reason: 'NO_VALID_ASSERTION' })]))).toEqual(['AP-ERR-1']);
    expect(blamed(answer({ involved: true, interventions: null }, [withExtensions({ remedy: undefined })]))).toEqual(['AP-ERR-2']);
    expect(blamed(answer({ involved: true, interventions: null }, [WITHHELD_JUSTICE, WITHHELD_JUSTICE]))).toEqual(['AP-ERR-1']);
  });

  it('blames the consent rule when a consented field is withheld, and completeness when data is missing', () => {
    const involvedWithheld: GraphQLError = { ...withExtensions({ category: 'INVOLVEMENT' }), path: ['_entities', 0, 'police', 'involved'] };
    expect(blamed(answer(null, [involvedWithheld, WITHHELD_JUSTICE]))).toEqual(['AP-POL-4']);
    expect(blamed(answer({ involved: false, interventions: null }))).toEqual(['AP-POL-9']);
    expect(blamed(answer({ interventions: null }))).toEqual(['AP-ERR-3']);
  });

  it('blames the assertion requirement when a field is released on an assertion that should have been refused', () => {
    const refused = [withExtensions({ reason: 'NO_VALID_ASSERTION' })];
    expect(blamed(answer({ involved: true, interventions: null }, refused), expectation(null, 'AP-ASSERT-4'))).toEqual(['AP-ASSERT-4']);
    expect(blamed(answer({ involved: true, interventions: null }, [WITHHELD_JUSTICE]), expectation(null, 'AP-ASSERT-4'))).toEqual(['AP-ASSERT-4', 'AP-ERR-1']);
  });
});

describe('the suite\'s hash of a disclosure record', () => {
  const ledger = new Map<string, ClientLedger>([['FJC-000002', {
    granted: new Map([['INVOLVEMENT', 'CONSENT'], ['SAFETY', 'EMERGENCY']]), denied: new Map([['JUSTICE', 'FORBIDDEN']]), fields: new Set(['PoliceFile.since', 'PoliceFile.involved']),
  }]]);
  const request = { viewer: { sub: 'cm-1', name: 'Café Ünal', agency: 'fjc' as const, roles: ['CASE_MANAGER' as const, 'AGENCY_STAFF' as const] }, purpose: 'EMERGENCY' as const, emergencyReason: 'Dreiging — mes', requestId: 'req-1', token: 't' };
  const [row] = rowsFromLedger(request, ledger, '2026-05-04T09:12:33.120Z', { seq: 41, hash: GENESIS_HASH.replace(/^0/, 'a') });
  const served: Disclosure = {
    seq: row!.seq, time: row!.time, clientId: row!.client_id, purpose: row!.purpose, viewerAgency: row!.viewer_agency, viewerRoles: ['CASE_MANAGER', 'AGENCY_STAFF'],
    viewerSub: row!.viewer_sub, viewerName: row!.viewer_name, bases: [{ category: 'INVOLVEMENT', basis: 'CONSENT' }, { category: 'SAFETY', basis: 'EMERGENCY' }],
    categories: ['INVOLVEMENT', 'SAFETY'], denied: [{ category: 'JUSTICE', code: 'FORBIDDEN' }], fields: ['PoliceFile.involved', 'PoliceFile.since'],
    conferenceId: null, emergencyReason: row!.emergency_reason, requestId: row!.request_id, reviewRequired: true, hash: row!.hash,
  };

  it('is the hash OneRoof stores, recomputed from what the audit API serves', () => {
    expect(recordHash(served, row!.prev_hash)).toBe(row!.hash);
  });

  it('changes with any column, so an edited record does not link', () => {
    expect(recordHash({ ...served, purpose: 'CASE_MANAGEMENT' }, row!.prev_hash)).not.toBe(row!.hash);
    expect(recordHash({ ...served, fields: ['PoliceFile.involved'] }, row!.prev_hash)).not.toBe(row!.hash);
    expect(recordHash(served, GENESIS_HASH)).not.toBe(row!.hash);
  });
});

describe('the suite\'s statistics rules', () => {
  const cell = (value: number | null) => ({ value, suppressed: value === null });
  const series = (label: string, counts: (number | null)[], total: number | null, periods = ['2025-Q1', '2025-Q2']): Series => ({
    label, periods: counts.map((count, i) => ({ period: periods[i]!, count: cell(count) })), total: cell(total),
  });

  it('passes a published series and fails a small count, a wrong total and a missing period', () => {
    expect(seriesProblems([series('ALL', [0, 12], 12)], ['2025-Q1', '2025-Q2'])).toEqual({ 'AP-STAT-2': [], 'AP-STAT-3': [], 'AP-STAT-4': [] });
    expect(seriesProblems([series('ALL', [3, 12], 15)], ['2025-Q1', '2025-Q2'])['AP-STAT-3']).toEqual(['ALL 2025-Q1: small count 3 shown']);
    expect(seriesProblems([series('ALL', [null, 12], 20)], ['2025-Q1', '2025-Q2'])['AP-STAT-4']).toEqual(['ALL: total 20 shown over [null,12]']);
    expect(seriesProblems([series('ALL', [5], 5)], ['2025-Q1', '2025-Q2'])['AP-STAT-2']).toEqual(['ALL: periods ["2025-Q1"]']);
    expect(seriesProblems([{ ...series('ALL', [0, 12], 12), total: { value: 12, suppressed: true } }], ['2025-Q1', '2025-Q2'])['AP-STAT-3']).toEqual(['ALL total: suppressed with value 12']);
  });

  it('fails a quarter that is not the sum of its months', () => {
    const months = series('ALL', [5, 6, 7], 18, ['2025-01', '2025-02', '2025-03']);
    expect(granularityProblems([months], [series('ALL', [18], 18, ['2025-Q1'])])).toEqual([]);
    expect(granularityProblems([months], [series('ALL', [19], 19, ['2025-Q1'])])).toEqual(['ALL 2025-Q1', 'ALL total']);
  });
});

describe('the suite\'s oracle', () => {
  const AGENCIES = ['fjc', 'police', 'probation', 'perpetrator-programs', 'housing', 'mental-health'] as const;
  const bases = fc.option(fc.record({
    consent: fc.subarray([...CATEGORIES]), conference: fc.option(fc.constant('CONF-000001')), emergency: fc.boolean(), jointClient: fc.boolean(), protectedContact: fc.boolean(),
  }), { nil: null });

  it('decides and remedies every field as OneRoof\'s policy does (a difference is a protocol change)', () => {
    fc.assert(fc.property(
      fc.subarray([...ROLES], { minLength: 1 }), fc.constantFrom(...AGENCIES), fc.constantFrom(...AGENCIES), fc.constantFrom(...PURPOSES), fc.constantFrom(...CATEGORIES), bases,
      (roles, agency, owner, purpose, category, b) => {
        const viewer = { sub: 's', name: 's', agency, roles };
        const expected = expectedDecision({ viewer, purpose, owner, category, bases: b });
        const actual = decide({ viewer, purpose, owner, category, bases: b });
        expect(expected).toEqual(actual);
        if (!expected.permit) expect(expectedRemedy(expected.code, viewer, purpose, category)).toEqual(remedyFor(expected.code, viewer, purpose, category));
      },
    ), { numRuns: 2000 });
  });
});
