import { ceilingOf } from '../../lib/policy/ceilings';
import { mayMutate, MUTATION_PERMISSIONS, type MutationName, type MutationPermission } from '../../lib/policy/operations';
import { PURPOSES, type RequestContext, type Role } from '../../lib/viewer';

const request = (agency: RequestContext['viewer']['agency'], roles: Role[], purpose: RequestContext['purpose']): RequestContext => ({
  viewer: { sub: 's', name: 's', agency, roles }, purpose, requestId: 'r', token: 't',
});
const entries = Object.entries(MUTATION_PERMISSIONS) as [MutationName, MutationPermission][];

describe('the table of mutation permissions', () => {
  it('lists, for every write of a category, only purposes whose ceiling with the roles listed reaches that category', () => {
    for (const [name, { roles, purposes, category }] of entries) {
      if (category === null) continue;
      for (const purpose of purposes) for (const role of roles) expect([name, role, purpose, ceilingOf([role], purpose).has(category)]).toEqual([name, role, purpose, true]);
    }
  });

  it('permits no write at all under STATISTICS or EMERGENCY, and reviews under AUDIT only', () => {
    for (const [name, { purposes }] of entries) {
      expect([name, purposes.filter((p) => p === 'STATISTICS' || p === 'EMERGENCY')]).toEqual([name, []]);
      expect([name, purposes.includes('AUDIT')]).toEqual([name, name === 'reviewDisclosure']);
    }
  });

  it('lets registrations and consents happen at intake and in case management, and case work in case management and conferences', () => {
    const purposesOf = (name: MutationName) => PURPOSES.filter((p) => mayMutate(name, request('fjc', ['CASE_MANAGER'], p)));
    for (const name of ['registerClient', 'recordConsent', 'revokeConsent'] as const) expect([name, purposesOf(name)]).toEqual([name, ['INTAKE', 'CASE_MANAGEMENT']]);
    for (const name of ['openCase', 'addPlanItem', 'recordCaseAction', 'conveneSecurityConference'] as const) {
      expect([name, purposesOf(name)]).toEqual([name, ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE']]);
    }
  });

  it('decides by role and agency as well as purpose', () => {
    expect(mayMutate('recordConsent', request('fjc', ['FRONT_DESK'], 'INTAKE'))).toBe(true);
    expect(mayMutate('addPlanItem', request('fjc', ['FRONT_DESK'], 'CASE_MANAGEMENT'))).toBe(false);
    expect(mayMutate('addPlanItem', request('police', ['CASE_MANAGER'], 'CASE_MANAGEMENT'))).toBe(false);
    expect(mayMutate('registerAgencyLink', request('police', ['AGENCY_STAFF'], 'INTAKE'))).toBe(true);
    expect(mayMutate('registerAgencyLink', request('fjc', ['CASE_MANAGER'], 'INTAKE'))).toBe(false);
    expect(mayMutate('reviewDisclosure', request('police', ['AUDITOR'], 'AUDIT'), 'police')).toBe(true);
    expect(mayMutate('reviewDisclosure', request('police', ['AUDITOR'], 'AUDIT'), 'housing')).toBe(false);
    expect(mayMutate('reviewDisclosure', request('fjc', ['AUDITOR'], 'AUDIT'), 'housing')).toBe(true);
    // A coordinator who is also a case manager writes as a case manager, never under STATISTICS.
    expect(mayMutate('addPlanItem', request('fjc', ['COORDINATOR', 'CASE_MANAGER'], 'CASE_MANAGEMENT'))).toBe(true);
    expect(mayMutate('addPlanItem', request('fjc', ['COORDINATOR', 'CASE_MANAGER'], 'STATISTICS'))).toBe(false);
  });
});
