import { consentInput, draftFrom, renewalDraft, validateConsent } from '../../console/src/pages/consentForm';

const TODAY = new Date('2026-11-29T10:00:00Z');
const EARLIER = { id: 'CONSENT-000042', granteeAgency: 'police', categories: ['SAFETY', 'JUSTICE'] as const, purposes: ['SECURITY_CONFERENCE', 'CASE_MANAGEMENT'] as const };

describe('the consent form', () => {
  it('starts a renewal from the earlier consent: same grantee, categories and purposes, a year from today, no evidence', () => {
    const draft = renewalDraft({ ...EARLIER, categories: [...EARLIER.categories], purposes: [...EARLIER.purposes] }, TODAY);
    expect(draft).toEqual({
      granteeAgency: 'police', categories: ['SAFETY', 'JUSTICE'], purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'],
      validFrom: '2026-11-29', validUntil: '2027-11-29', evidenceReference: '', renews: 'CONSENT-000042',
    });
    // the new signed form is required: a renewal is a consent of its own
    expect(validateConsent(draft)).toEqual({ evidenceReference: 'validation.required' });
  });

  it('names the renewed consent in the API input, and nothing for a new consent', () => {
    const renewal = { ...renewalDraft({ ...EARLIER, categories: [...EARLIER.categories], purposes: [...EARLIER.purposes] }, TODAY), evidenceReference: ' FORM-2026-0099 ' };
    expect(consentInput('FJC-000001', renewal)).toEqual({
      clientId: 'FJC-000001', granteeAgency: 'police', categories: ['SAFETY', 'JUSTICE'], purposes: ['CASE_MANAGEMENT', 'SECURITY_CONFERENCE'],
      validFrom: '2026-11-29T00:00:00Z', validUntil: '2027-11-29T23:59:59Z', evidenceReference: 'FORM-2026-0099', renews: 'CONSENT-000042',
    });
    const fresh = { ...draftFrom(new URLSearchParams('category=HEALTH&grantee=fjc'), TODAY), evidenceReference: 'FORM-1' };
    expect(consentInput('FJC-000001', fresh)).not.toHaveProperty('renews');
  });
});
