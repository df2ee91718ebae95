import { type AgencyId, type Category, idList, IN_ID_LIST, listColumn, type Purpose, toListColumn } from '../../lib/kit';
import type { FjcStore } from './store';
import type { ConsentRecord } from './types';

/** The consent registry: append-only consents and their revocations. */

interface ConsentRow {
  id: string;
  clientId: string;
  granteeAgency: string;
  categories: string;
  purposes: string;
  validFrom: string;
  validUntil: string;
  evidenceReference: string;
  renews: string | null;
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: string;
  reason: string | null;
  revokedBy: string | null;
  revokedByAgency: string | null;
  revokedAt: string | null;
}

const CONSENT_SELECT = `SELECT c.id, c.client_id AS clientId, c.grantee_agency AS granteeAgency, c.categories, c.purposes,
  c.valid_from AS validFrom, c.valid_until AS validUntil, c.evidence_reference AS evidenceReference, c.renews,
  c.recorded_by AS recordedBy, c.recorded_by_agency AS recordedByAgency, c.recorded_at AS recordedAt,
  r.reason, r.revoked_by AS revokedBy, r.revoked_by_agency AS revokedByAgency, r.revoked_at AS revokedAt
  FROM consents c LEFT JOIN consent_revocations r ON r.consent_id = c.id`;

function toRecord(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    clientId: row.clientId,
    granteeAgency: row.granteeAgency as AgencyId,
    categories: listColumn(row.categories) as Category[],
    purposes: listColumn(row.purposes) as Purpose[],
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    evidenceReference: row.evidenceReference,
    renews: row.renews,
    recordedBy: row.recordedBy,
    recordedByAgency: row.recordedByAgency as AgencyId,
    recordedAt: row.recordedAt,
    revocation:
      row.revokedAt === null
        ? null
        : {
            reason: row.reason ?? '',
            revokedBy: row.revokedBy ?? '',
            revokedByAgency: row.revokedByAgency as AgencyId,
            revokedAt: row.revokedAt,
          },
  };
}

export function findConsents(store: FjcStore, ids: readonly string[]): ConsentRecord[] {
  return store.all<ConsentRow>(`${CONSENT_SELECT} WHERE c.id ${IN_ID_LIST}`, idList(ids)).map(toRecord);
}

/** Every consent of each client, revoked and expired ones included, oldest first. */
export function findConsentsOfClients(store: FjcStore, clientIds: readonly string[]): ConsentRecord[] {
  return store
    .all<ConsentRow>(`${CONSENT_SELECT} WHERE c.client_id ${IN_ID_LIST} ORDER BY c.recorded_at, c.id`, idList(clientIds))
    .map(toRecord);
}

export interface NewConsent {
  id: string;
  clientId: string;
  granteeAgency: AgencyId;
  categories: readonly Category[];
  purposes: readonly Purpose[];
  validFrom: string;
  validUntil: string;
  evidenceReference: string;
  renews: string | null;
  recordedBy: string;
  recordedByAgency: AgencyId;
  recordedAt: string;
  requestId: string;
}

export function insertConsent(store: FjcStore, consent: NewConsent): void {
  store.run(
    `INSERT INTO consents (id, client_id, grantee_agency, categories, purposes, valid_from, valid_until, evidence_reference,
       renews, recorded_by, recorded_by_agency, recorded_at, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    consent.id, consent.clientId, consent.granteeAgency, toListColumn(consent.categories), toListColumn(consent.purposes),
    consent.validFrom, consent.validUntil, consent.evidenceReference, consent.renews, consent.recordedBy,
    consent.recordedByAgency, consent.recordedAt, consent.requestId,
  );
}

export interface NewRevocation {
  consentId: string;
  reason: string;
  revokedBy: string;
  revokedByAgency: AgencyId;
  revokedAt: string;
  requestId: string;
}

export function insertRevocation(store: FjcStore, revocation: NewRevocation): void {
  store.run(
    `INSERT INTO consent_revocations (consent_id, reason, revoked_by, revoked_by_agency, revoked_at, request_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
    revocation.consentId, revocation.reason, revocation.revokedBy, revocation.revokedByAgency, revocation.revokedAt,
    revocation.requestId,
  );
}
