import { badUserInput, CATEGORIES, PURPOSES, requireAgencyId, requireCurrentPeriod, requireDistinctList, requireFjcReader, requireFreeText, requireIdentifier, requireIsoDateTime, requireMutation, requireOneOf, requireText } from '../../lib/kit';
import { consentToFhir } from './fhir';
import { findConsents, insertConsent, insertRevocation, type NewConsent } from './consentStore';
import { authorship, type FjcContext as Context } from './context';
import { nextId } from './ids';
import { requireClient } from './inputChecks';
import { logMutation } from './mutationLog';
import type { ClientRow, FjcStore } from './store';
import { consentStatus, type ConsentRecord } from './types';

/** The consent registry: record, revoke, renew; never edit. */

interface RecordConsentInput {
  clientId: string;
  granteeAgency: string;
  categories: string[];
  purposes: string[];
  validFrom: string;
  validUntil: string;
  evidenceReference: string;
  renews?: string | null;
}

type ValidConsent = Omit<NewConsent, 'id' | 'recordedBy' | 'recordedByAgency' | 'recordedAt' | 'requestId'>;

function validConsent(store: FjcStore, input: RecordConsentInput): ValidConsent {
  const clientId = requireClient(store, 'input.clientId', input.clientId).id;
  const granteeAgency = requireAgencyId('input.granteeAgency', input.granteeAgency);
  const categories = requireDistinctList('input.categories', input.categories, CATEGORIES.length)
    .map((c) => requireOneOf('input.categories', c, CATEGORIES));
  const purposes = requireDistinctList('input.purposes', input.purposes, PURPOSES.length)
    .map((p) => requireOneOf('input.purposes', p, PURPOSES));
  const validFrom = requireIsoDateTime('input.validFrom', input.validFrom);
  const validUntil = requireIsoDateTime('input.validUntil', input.validUntil);
  requireCurrentPeriod('input.validFrom', validFrom, 'input.validUntil', validUntil);
  const evidenceReference = requireText('input.evidenceReference', input.evidenceReference, 100);
  let renews: string | null = null;
  if (input.renews !== null && input.renews !== undefined) {
    const renewed = findConsents(store, [requireIdentifier('input.renews', input.renews)])[0];
    if (!renewed) throw badUserInput('input.renews', 'no such consent.');
    if (renewed.clientId !== clientId || renewed.granteeAgency !== granteeAgency) {
      throw badUserInput('input.renews', 'must be a consent of the same client to the same agency.');
    }
    renews = renewed.id;
  }
  return { clientId, granteeAgency, categories, purposes, validFrom, validUntil, evidenceReference, renews };
}

/** The consent as stored now: read from the store, never from a loader's earlier answer. */
function freshConsent(store: FjcStore, id: string): ConsentRecord {
  const record = findConsents(store, [id])[0];
  if (!record) throw new Error('consent vanished after writing');
  return record;
}

export const consentResolvers = {
  Mutation: {
    recordConsent: (_: unknown, { input }: { input: RecordConsentInput }, context: Context): ConsentRecord => {
      requireMutation('recordConsent', context);
      const consent = validConsent(context.store, input);
      const written = authorship(context);
      const id = context.store.transaction(() => {
        const newId = nextId(context.store, 'consent');
        insertConsent(context.store, {
          ...consent, id: newId, recordedBy: written.by, recordedByAgency: context.viewer.agency,
          recordedAt: written.at, requestId: written.requestId,
        });
        logMutation(context.store, context, 'recordConsent', newId);
        return newId;
      });
      return freshConsent(context.store, id);
    },
    revokeConsent: (_: unknown, args: { id: string; reason: string }, context: Context): ConsentRecord => {
      requireMutation('revokeConsent', context);
      const consent = findConsents(context.store, [requireIdentifier('id', args.id)])[0];
      if (!consent) throw badUserInput('id', 'no such consent.');
      if (consent.revocation) throw badUserInput('id', 'the consent is already revoked.');
      const reason = requireFreeText('reason', args.reason, 2000);
      const written = authorship(context);
      context.store.transaction(() => {
        insertRevocation(context.store, {
          consentId: consent.id, reason, revokedBy: written.by, revokedByAgency: context.viewer.agency,
          revokedAt: written.at, requestId: written.requestId,
        });
        logMutation(context.store, context, 'revokeConsent', consent.id);
      });
      return freshConsent(context.store, consent.id);
    },
  },
  Client: {
    consents: async (client: ClientRow, args: { includeInactive?: boolean | null }, context: Context) => {
      requireFjcReader(context, 'INVOLVEMENT');
      const all = await context.loaders.consentsOfClient.load(client.id);
      if (args.includeInactive) return all;
      const now = new Date().toISOString();
      return all.filter((c) => !['REVOKED', 'EXPIRED'].includes(consentStatus(c, now)));
    },
  },
  Consent: {
    client: (consent: ConsentRecord, _: unknown, context: Context) => context.loaders.clients.load(consent.clientId),
    status: (consent: ConsentRecord) => consentStatus(consent),
    renews: (consent: ConsentRecord, _: unknown, context: Context) =>
      consent.renews === null ? null : context.loaders.consents.load(consent.renews),
    revokedAt: (consent: ConsentRecord) => consent.revocation?.revokedAt ?? null,
    revokedBy: (consent: ConsentRecord) => consent.revocation?.revokedBy ?? null,
    revokedByAgency: (consent: ConsentRecord) => consent.revocation?.revokedByAgency ?? null,
    revocationReason: (consent: ConsentRecord) => consent.revocation?.reason ?? null,
    fhir: (consent: ConsentRecord) => JSON.stringify(consentToFhir(consent)),
  },
};
