import type { ApiError } from '../../console/src/api/graphql';
import { explain, groupWithheld } from '../../console/src/cards/withheld';
import { buildI18n } from '../../console/src/i18n/catalog';

const en = buildI18n('en', () => undefined);
const nl = buildI18n('nl', () => undefined);
const error = (extensions: ApiError['extensions']): ApiError => ({ message: 'This field is withheld.', path: ['client', 'mentalHealth', 'involved'], extensions });

describe('explaining a withheld field in the console', () => {
  it("names the consent a CONSENT remedy asks for, with the conference alternative, and offers to record it", () => {
    const explanation = explain(en, error({
      code: 'CONSENT_REQUIRED', category: 'HEALTH', agency: 'mental-health', reason: 'NO_BASIS',
      remedy: { kind: 'CONSENT', category: 'HEALTH', grantee: 'fjc', purpose: 'CASE_MANAGEMENT', alternatives: [{ kind: 'SECURITY_CONFERENCE', category: 'HEALTH' }] },
    }));
    expect(explanation).toEqual({
      reason: 'Centre for mental health shares health data only on a legal basis, and there is none for you now.',
      next: 'Next step: the client’s consent for health data to Family Justice Center for Case management: record consent. Or open it in a security conference on the client’s case.',
      consent: { category: 'HEALTH', grantee: 'fjc', purpose: 'CASE_MANAGEMENT' },
    });
  });

  it('says a PROTECTED field can never be released, and offers no consent', () => {
    const explanation = explain(en, error({ code: 'PROTECTED', category: 'CONTACT', agency: 'fjc', reason: 'PROTECTED_CONTACT', remedy: { kind: 'NONE', category: 'CONTACT' } }));
    expect(explanation).toEqual({ reason: 'Protected: the client’s contact details are never shown to your agency.', next: 'Nothing can release it to you.', consent: undefined });
  });

  it('says a FORBIDDEN field with no other purpose is above what the role may see', () => {
    const explanation = explain(en, error({ code: 'FORBIDDEN', category: 'JUSTICE', agency: 'police', reason: 'ABOVE_CEILING', remedy: { kind: 'NONE', category: 'JUSTICE' } }));
    expect(explanation.next).toBe('No other purpose reaches it for your role.');
  });

  it('names the purposes a PURPOSE remedy lists, translated', () => {
    const explanation = explain(nl, error({ code: 'FORBIDDEN', category: 'SAFETY', agency: 'police', reason: 'ABOVE_CEILING', remedy: { kind: 'PURPOSE', category: 'SAFETY', purposes: ['CASE_MANAGEMENT', 'EMERGENCY'] } }));
    expect(explanation.next).toBe('Kies een ander doel: Casemanagement, Noodgeval.');
  });

  it('falls back on the code when the gateway sends no remedy', () => {
    expect(explain(en, error({ code: 'CONSENT_REQUIRED', category: 'JUSTICE', agency: 'police', reason: 'NO_BASIS' }))).toEqual({
      reason: 'Police zone shares justice data only on a legal basis, and there is none for you now.',
      next: 'Next step: record the client’s consent for justice data.',
      consent: { category: 'JUSTICE', grantee: '', purpose: '' },
    });
  });

  it.each([
    ['AGENCY_UNAVAILABLE', 'Housing service did not answer: its data is not included. Try again later.'],
    ['AGENCY_ERROR', 'Housing service answered with an error: its data is not included.'],
  ])('says what %s means for the agency’s card', (code, reason) => {
    expect(explain(en, error({ code, agency: 'housing' }))).toEqual({ reason, consent: undefined });
  });

  it('shows an unknown code as it is', () => {
    expect(explain(en, error({ code: 'SOMETHING_NEW' })).reason).toBe('Not shown (SOMETHING_NEW).');
  });

  it('groups record types withheld for the same reason at the first one, and keeps shown ones apart and in order', () => {
    const justice = error({ code: 'FORBIDDEN', category: 'JUSTICE', agency: 'police', remedy: { kind: 'NONE', category: 'JUSTICE' } });
    const safety = error({ code: 'FORBIDDEN', category: 'SAFETY', agency: 'police', remedy: { kind: 'NONE', category: 'SAFETY' } });
    const byField: Record<string, ApiError | undefined> = { interventions: justice, barringOrders: safety, notes: undefined, risk: { ...safety, path: ['other'] }, checks: justice, contacts: undefined };
    const groups = groupWithheld(Object.keys(byField), (field) => byField[field]);
    expect(groups.map((group) => [group.items, group.error?.extensions?.category ?? null])).toEqual([
      [['interventions', 'checks'], 'JUSTICE'],
      [['barringOrders', 'risk'], 'SAFETY'],
      [['notes'], null],
      [['contacts'], null],
    ]);
  });

  it('keeps apart record types withheld for different next steps, or by different agencies', () => {
    const consent = error({ code: 'CONSENT_REQUIRED', category: 'HEALTH', agency: 'mental-health', remedy: { kind: 'CONSENT', category: 'HEALTH', grantee: 'fjc', purpose: 'CASE_MANAGEMENT' } });
    const other = error({ code: 'CONSENT_REQUIRED', category: 'HEALTH', agency: 'mental-health', remedy: { kind: 'CONSENT', category: 'HEALTH', grantee: 'fjc', purpose: 'INTAKE' } });
    const elsewhere = error({ ...consent.extensions, agency: 'housing' });
    expect(groupWithheld([consent, other, elsewhere, consent], (item) => item).map((group) => group.items.length)).toEqual([2, 1, 1]);
  });
});
