import { AGENCIES, isPerpetratorSide, type AgencyId } from '../../lib/agencies';
import { ceilingOf } from '../../lib/policy/ceilings';
import { decide, type ClientBases, type Decision } from '../../lib/policy/decide';
import { CATEGORIES, PURPOSES, ROLES, type Category, type Purpose, type Role, type Viewer } from '../../lib/viewer';

const ALL = [...CATEGORIES];
/** The ceilings of docs/authorization.md, written out again so the table is checked, not restated. */
const ROLE_TABLE: Record<Role, string> = {
  FRONT_DESK: 'IDENTITY INVOLVEMENT',
  CASE_MANAGER: ALL.join(' '),
  AGENCY_STAFF: ALL.join(' '),
  COORDINATOR: '',
  AUDITOR: '',
};
const PURPOSE_TABLE: Record<Purpose, string> = {
  INTAKE: 'IDENTITY INVOLVEMENT',
  CASE_MANAGEMENT: ALL.join(' '),
  SECURITY_CONFERENCE: ALL.join(' '),
  EMERGENCY: 'IDENTITY INVOLVEMENT SAFETY',
  STATISTICS: '',
  AUDIT: '',
};

const NO_BASES: ClientBases = { consent: [], conference: null, emergency: false, jointClient: false, protectedContact: false };
const viewer = (agency: AgencyId, roles: Role[] = ['AGENCY_STAFF']): Viewer => ({ sub: `${agency}-1`, name: 'x', agency, roles });
const permitted = (basis: string): Decision => ({ permit: true, basis } as Decision);
const denied = (code: string) => expect.objectContaining({ permit: false, code });

describe('ceilings', () => {
  it.each(ROLES.flatMap((role) => PURPOSES.map((purpose) => [role, purpose] as const)))(
    '%s with purpose %s sees exactly the intersection of both ceilings',
    (role, purpose) => {
      const expected = ALL.filter((c) => ROLE_TABLE[role].split(' ').includes(c) && PURPOSE_TABLE[purpose].split(' ').includes(c));
      expect([...ceilingOf([role], purpose)].sort()).toEqual(expected.sort());
    },
  );

  it('gives a viewer with several roles the union of their ceilings', () => {
    expect([...ceilingOf(['FRONT_DESK', 'COORDINATOR'], 'CASE_MANAGEMENT')].sort()).toEqual(['IDENTITY', 'INVOLVEMENT']);
    expect(ceilingOf(['FRONT_DESK', 'CASE_MANAGER'], 'CASE_MANAGEMENT').size).toBe(9);
    expect(ceilingOf(['COORDINATOR', 'AUDITOR'], 'CASE_MANAGEMENT').size).toBe(0);
  });

  it('denies FORBIDDEN above the ceiling whatever the bases, own records included', () => {
    const all: ClientBases = { consent: ALL, conference: 'CONF-1', emergency: true, jointClient: true, protectedContact: false };
    expect(decide({ viewer: viewer('police', ['FRONT_DESK']), purpose: 'CASE_MANAGEMENT', owner: 'police', category: 'JUSTICE', bases: all }))
      .toEqual(denied('FORBIDDEN'));
    expect(decide({ viewer: viewer('fjc', ['COORDINATOR']), purpose: 'STATISTICS', owner: 'fjc', category: 'IDENTITY', bases: all }))
      .toEqual(denied('FORBIDDEN'));
  });
});

describe('rules 1-7, each with its opposite', () => {
  const base = { purpose: 'CASE_MANAGEMENT' as Purpose, bases: NO_BASES };

  it('rule 1: own records are permitted within the ceilings, without any assertion', () => {
    for (const agency of AGENCIES) {
      for (const category of ALL) {
        expect(decide({ ...base, viewer: viewer(agency), owner: agency, category, bases: null })).toEqual(permitted('OWN_RECORD'));
      }
    }
    expect(decide({ ...base, viewer: viewer('probation'), owner: 'police', category: 'JUSTICE', bases: null })).toEqual(denied('CONSENT_REQUIRED'));
  });

  it('rule 2: a victim\'s or child\'s contact data never reaches perpetrator-side staff, even with consent and a conference', () => {
    const everything: ClientBases = { consent: ALL, conference: 'CONF-1', emergency: false, jointClient: true, protectedContact: true };
    for (const agency of ['probation', 'perpetrator-programs'] as const) {
      for (const purpose of ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'] as const) {
        expect(decide({ viewer: viewer(agency), purpose, owner: 'fjc', category: 'CONTACT', bases: everything })).toEqual(denied('PROTECTED'));
      }
    }
    // The opposite: not protected, another category, or staff on the victim's side.
    expect(decide({ ...base, viewer: viewer('probation'), owner: 'fjc', category: 'CONTACT', bases: { ...everything, protectedContact: false } })).toEqual(permitted('CONSENT'));
    expect(decide({ ...base, viewer: viewer('probation'), owner: 'fjc', category: 'IDENTITY', bases: everything })).toEqual(permitted('CONSENT'));
    expect(decide({ ...base, viewer: viewer('housing'), owner: 'fjc', category: 'CONTACT', bases: everything })).toEqual(permitted('CONSENT'));
  });

  it('rule 3: an active consent to the viewer\'s agency covering the category permits it', () => {
    const consent: ClientBases = { ...NO_BASES, consent: ['HEALTH', 'SAFETY'] };
    expect(decide({ ...base, viewer: viewer('fjc', ['CASE_MANAGER']), owner: 'mental-health', category: 'HEALTH', bases: consent })).toEqual(permitted('CONSENT'));
    expect(decide({ ...base, viewer: viewer('fjc', ['CASE_MANAGER']), owner: 'mental-health', category: 'HEALTH', bases: NO_BASES })).toEqual(denied('CONSENT_REQUIRED'));
    expect(decide({ ...base, viewer: viewer('fjc', ['CASE_MANAGER']), owner: 'police', category: 'JUSTICE', bases: consent })).toEqual(denied('CONSENT_REQUIRED'));
  });

  it('rule 4: an open conference permits the conference categories to its participants, never CONTACT or HEALTH', () => {
    const conference: ClientBases = { ...NO_BASES, conference: 'CONF-1' };
    const at = (category: Category, purpose: Purpose = 'SECURITY_CONFERENCE', bases = conference) =>
      decide({ viewer: viewer('probation'), purpose, owner: 'police', category, bases });
    for (const category of ['INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING'] as const) {
      expect(at(category)).toEqual(permitted('CASE_CONFERENCE'));
      expect(at(category, 'SECURITY_CONFERENCE', NO_BASES)).toEqual(denied('CONSENT_REQUIRED'));
      expect(at(category, 'CASE_MANAGEMENT')).toEqual(denied('CONSENT_REQUIRED'));
    }
    for (const category of ['CONTACT', 'HEALTH', 'IDENTITY'] as const) expect(at(category)).toEqual(denied('CONSENT_REQUIRED'));
  });

  it('rule 5: an emergency permits identity, involvement and safety only', () => {
    const emergency: ClientBases = { ...NO_BASES, emergency: true };
    const at = (category: Category, bases = emergency) =>
      decide({ viewer: viewer('police'), purpose: 'EMERGENCY', owner: 'housing', category, bases });
    for (const category of ['IDENTITY', 'INVOLVEMENT', 'SAFETY'] as const) {
      expect(at(category)).toEqual(permitted('EMERGENCY'));
      expect(at(category, NO_BASES)).toEqual(denied('CONSENT_REQUIRED'));
    }
    for (const category of ['CONTACT', 'HEALTH', 'JUSTICE', 'HOUSING', 'CHILD', 'PROGRAM'] as const) {
      expect(at(category)).toEqual(denied('FORBIDDEN'));
    }
  });

  it('rule 6: a joint client shares identity and involvement for intake and case management only', () => {
    const joint: ClientBases = { ...NO_BASES, jointClient: true };
    const at = (category: Category, purpose: Purpose = 'CASE_MANAGEMENT', bases = joint) =>
      decide({ viewer: viewer('housing'), purpose, owner: 'police', category, bases });
    expect(at('IDENTITY')).toEqual(permitted('JOINT_CLIENT'));
    expect(at('INVOLVEMENT')).toEqual(permitted('JOINT_CLIENT'));
    expect(at('INVOLVEMENT', 'CASE_MANAGEMENT', NO_BASES)).toEqual(denied('CONSENT_REQUIRED'));
    expect(at('IDENTITY', 'INTAKE')).toEqual(permitted('JOINT_CLIENT'));
    expect(at('INVOLVEMENT', 'INTAKE')).toEqual(permitted('JOINT_CLIENT'));
    expect(at('INVOLVEMENT', 'INTAKE', NO_BASES)).toEqual(denied('CONSENT_REQUIRED'));
    for (const purpose of ['SECURITY_CONFERENCE', 'EMERGENCY'] as const) expect(at('INVOLVEMENT', purpose, { ...joint, emergency: false })).toEqual(denied('CONSENT_REQUIRED'));
    for (const category of ['SAFETY', 'JUSTICE', 'CONTACT', 'HEALTH'] as const) expect(at(category)).toEqual(denied('CONSENT_REQUIRED'));
    // Mental-health involvement is HEALTH: being a joint client never opens it.
    expect(decide({ viewer: viewer('fjc'), purpose: 'CASE_MANAGEMENT', owner: 'mental-health', category: 'HEALTH', bases: joint })).toEqual(denied('CONSENT_REQUIRED'));
  });

  it('rule 7: otherwise consent is required', () => {
    expect(decide({ ...base, viewer: viewer('youth-care'), owner: 'probation', category: 'JUSTICE', bases: NO_BASES })).toEqual(denied('CONSENT_REQUIRED'));
  });
});

describe('invariants over every role, purpose, category, agency pair and basis', () => {
  const roleSets: Role[][] = [...ROLES.map((r) => [r]), ['FRONT_DESK', 'CASE_MANAGER'], ['AGENCY_STAFF', 'AUDITOR']];
  const basesVariants: (ClientBases | null)[] = [
    null,
    NO_BASES,
    { ...NO_BASES, consent: ALL },
    { ...NO_BASES, conference: 'CONF-1' },
    { ...NO_BASES, emergency: true },
    { ...NO_BASES, jointClient: true },
    { consent: ALL, conference: 'CONF-1', emergency: true, jointClient: true, protectedContact: true },
  ];

  it('holds for all combinations', () => {
    let checked = 0;
    for (const roles of roleSets) for (const purpose of PURPOSES) for (const category of CATEGORIES)
      for (const agency of AGENCIES) for (const owner of AGENCIES) for (const bases of basesVariants) {
        const decision = decide({ viewer: viewer(agency, roles), purpose, owner, category, bases });
        const withinCeiling = ceilingOf(roles, purpose).has(category);
        checked += 1;
        if (!withinCeiling) {
          expect(decision).toEqual(denied('FORBIDDEN'));
          continue;
        }
        if (agency === owner) {
          expect(decision).toEqual(permitted('OWN_RECORD'));
          continue;
        }
        if (bases === null) expect(decision.permit).toBe(false);
        if (decision.permit && (category === 'CONTACT' || category === 'HEALTH')) expect(decision.basis).toBe('CONSENT');
        if (!decision.permit && decision.code === 'PROTECTED') {
          expect(category).toBe('CONTACT');
          expect(isPerpetratorSide(agency)).toBe(true);
        }
        if (decision.permit && decision.basis === 'EMERGENCY') expect(purpose).toBe('EMERGENCY');
      }
    expect(checked).toBe(roleSets.length * PURPOSES.length * CATEGORIES.length * AGENCIES.length * AGENCIES.length * basesVariants.length);
  });
});
