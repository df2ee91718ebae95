import { remedyFor } from '../../lib/policy/remedy';
import type { Role } from '../../lib/viewer';

const viewer = (agency: 'fjc' | 'housing' | 'probation', ...roles: Role[]) => ({ agency, roles });

describe('the remedy of a withheld field', () => {
  it('names the consent that would release it: category, the viewer\'s agency as grantee, the request\'s purpose', () => {
    expect(remedyFor('CONSENT_REQUIRED', viewer('fjc', 'CASE_MANAGER'), 'CASE_MANAGEMENT', 'HEALTH')).toEqual({
      kind: 'CONSENT', category: 'HEALTH', grantee: 'fjc', purpose: 'CASE_MANAGEMENT',
    });
    expect(remedyFor('CONSENT_REQUIRED', viewer('housing', 'AGENCY_STAFF'), 'INTAKE', 'CONTACT')).toEqual({
      kind: 'CONSENT', category: 'CONTACT', grantee: 'housing', purpose: 'INTAKE',
    });
  });

  it('offers a security conference beside consent for the categories a conference opens, and not for contact or health data', () => {
    for (const category of ['INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING'] as const) {
      expect(remedyFor('CONSENT_REQUIRED', viewer('housing', 'AGENCY_STAFF'), 'CASE_MANAGEMENT', category)).toEqual({
        kind: 'CONSENT', category, grantee: 'housing', purpose: 'CASE_MANAGEMENT', alternatives: [{ kind: 'SECURITY_CONFERENCE', category }],
      });
    }
    for (const category of ['IDENTITY', 'CONTACT', 'HEALTH'] as const) {
      expect(remedyFor('CONSENT_REQUIRED', viewer('housing', 'AGENCY_STAFF'), 'CASE_MANAGEMENT', category)).not.toHaveProperty('alternatives');
    }
  });

  it('offers nothing for a protected contact: an absolute rule', () => {
    expect(remedyFor('PROTECTED', viewer('probation', 'AGENCY_STAFF'), 'SECURITY_CONFERENCE', 'CONTACT')).toEqual({ kind: 'NONE', category: 'CONTACT' });
  });

  it('names the purposes whose ceiling, with the viewer\'s roles, reaches a category above the current one', () => {
    expect(remedyFor('FORBIDDEN', viewer('fjc', 'CASE_MANAGER'), 'INTAKE', 'CONTACT')).toEqual({
      kind: 'PURPOSE', category: 'CONTACT', purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'],
    });
    expect(remedyFor('FORBIDDEN', viewer('housing', 'AGENCY_STAFF'), 'EMERGENCY', 'JUSTICE')).toEqual({
      kind: 'PURPOSE', category: 'JUSTICE', purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'],
    });
    expect(remedyFor('FORBIDDEN', viewer('fjc', 'COORDINATOR'), 'CASE_MANAGEMENT', 'IDENTITY')).toEqual({ kind: 'NONE', category: 'IDENTITY' });
  });

  it('offers nothing above every ceiling of the viewer\'s roles ("above what your role may see")', () => {
    expect(remedyFor('FORBIDDEN', viewer('fjc', 'FRONT_DESK'), 'INTAKE', 'CONTACT')).toEqual({ kind: 'NONE', category: 'CONTACT' });
    expect(remedyFor('FORBIDDEN', viewer('fjc', 'AUDITOR'), 'AUDIT', 'IDENTITY')).toEqual({ kind: 'NONE', category: 'IDENTITY' });
    // Several roles: the union of their ceilings counts.
    expect(remedyFor('FORBIDDEN', viewer('fjc', 'FRONT_DESK', 'COORDINATOR'), 'STATISTICS', 'IDENTITY')).toEqual({
      kind: 'PURPOSE', category: 'IDENTITY', purposes: ['INTAKE', 'CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY'],
    });
  });
});
