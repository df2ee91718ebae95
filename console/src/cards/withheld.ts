import type { ApiError, Remedy } from '../api/graphql';
import type { MessageKey } from '../i18n/en';
import { CATALOGUES, type I18n } from '../i18n/catalog';
import { agencyName, categoryName, purposeName } from '../i18n/names';

/** The errors of an answer by response path (`client.police.interventions`), for the fields they withhold. */
export function errorsByPath(errors: readonly ApiError[]): Map<string, ApiError> {
  return new Map(errors.filter((error) => error.path).map((error) => [error.path!.join('.'), error]));
}

export interface Explanation {
  /** Why the field is not shown, in plain language. */
  reason: string;
  /** What would show it, when anything would. */
  next?: string;
  /** With a consent remedy: the consent to record (its category and grantee). */
  consent?: { category: string; grantee: string; purpose: string };
}

function has(i18n: I18n, key: string): key is MessageKey {
  return key in CATALOGUES[i18n.locale];
}

/** The next step a remedy (C1) names; without one (older gateways), the code's usual next step. */
function nextStep(i18n: I18n, error: ApiError, remedy: Remedy | undefined): Pick<Explanation, 'next' | 'consent'> {
  const category = categoryName(i18n, remedy?.category ?? error.extensions?.category ?? '');
  if (!remedy) {
    const key = `withheld.next.${error.extensions?.code}`;
    return has(i18n, key) ? { next: i18n.t(key, { category }) } : {};
  }
  switch (remedy.kind) {
    case 'CONSENT': {
      const conference = remedy.alternatives?.some((alternative) => alternative.kind === 'SECURITY_CONFERENCE');
      const next = i18n.t('remedy.consent', { category, grantee: agencyName(i18n, remedy.grantee), purpose: purposeName(i18n, remedy.purpose) });
      return {
        next: conference ? `${next} ${i18n.t('remedy.orConference')}` : next,
        consent: { category: remedy.category, grantee: remedy.grantee, purpose: remedy.purpose },
      };
    }
    case 'SECURITY_CONFERENCE':
      return { next: i18n.t('remedy.conference', { category }) };
    case 'PURPOSE':
      return { next: i18n.t('remedy.purpose', { purposes: remedy.purposes.map((p) => purposeName(i18n, p)).join(', ') }) };
    case 'NONE':
      return { next: i18n.t(error.extensions?.code === 'PROTECTED' ? 'remedy.protected' : 'remedy.none') };
  }
}

/** Why a field is withheld and what would release it, from the error's code, reason and remedy. */
export function explain(i18n: I18n, error: ApiError): Explanation {
  const { code, reason, agency, category } = error.extensions ?? {};
  const params = { agency: agencyName(i18n, agency), category: categoryName(i18n, category ?? '') };
  const reasonKey = `withheld.reason.${reason}`;
  const codeKey = `withheld.code.${code}`;
  const text = has(i18n, reasonKey) ? i18n.t(reasonKey, params) : has(i18n, codeKey) ? i18n.t(codeKey, params) : i18n.t('withheld.code.OTHER', { code: code ?? '?' });
  const remedy = error.extensions?.remedy;
  // Without a remedy, a consent is still the usual way out of CONSENT_REQUIRED.
  const fallbackConsent = !remedy && code === 'CONSENT_REQUIRED' && category ? { category, grantee: '', purpose: '' } : undefined;
  const step = nextStep(i18n, error, remedy);
  return { reason: text, ...step, consent: step.consent ?? fallbackConsent };
}

/** Two withheld fields with the same key read the same to the viewer: same code, category, agency and next step. */
export function withheldKey(error: ApiError): string {
  const { code, category, agency, remedy } = error.extensions ?? {};
  return JSON.stringify([code ?? null, category ?? null, agency ?? null, remedy ?? null, code ? null : error.message]);
}

/**
 * A card's record types in display groups: each shown record type on its own; record types withheld for
 * the same reason together, at the place of the first of them, so one explanation is read once, not five times.
 */
export function groupWithheld<T>(items: readonly T[], errorOf: (item: T) => ApiError | undefined): { items: T[]; error?: ApiError }[] {
  const groups: { items: T[]; error?: ApiError }[] = [];
  const byKey = new Map<string, { items: T[]; error?: ApiError }>();
  for (const item of items) {
    const error = errorOf(item);
    if (!error) {
      groups.push({ items: [item] });
      continue;
    }
    const key = withheldKey(error);
    const group = byKey.get(key);
    if (group) group.items.push(item);
    else {
      const created = { items: [item], error };
      byKey.set(key, created);
      groups.push(created);
    }
  }
  return groups;
}
