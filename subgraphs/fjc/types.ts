import type { AgencyId, Category, Purpose } from '../../lib/kit';

/** One consent as the registry keeps it, with its revocation when there is one. */
export interface ConsentRecord {
  id: string;
  clientId: string;
  granteeAgency: AgencyId;
  categories: Category[];
  purposes: Purpose[];
  /** ISO date-time. */
  validFrom: string;
  /** ISO date-time; the consent no longer holds from this instant. */
  validUntil: string;
  /** The signed form's number or another reference to the evidence. */
  evidenceReference: string;
  /** The consent this one renews, if any. */
  renews: string | null;
  recordedBy: string;
  recordedByAgency: AgencyId;
  recordedAt: string;
  revocation: { reason: string; revokedBy: string; revokedByAgency: AgencyId; revokedAt: string } | null;
}

export type ConsentStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED' | 'PENDING';

/** Where a consent stands at `now`: revoked wins over its period. */
export function consentStatus(consent: ConsentRecord, now = new Date().toISOString()): ConsentStatus {
  if (consent.revocation) return 'REVOKED';
  if (consent.validUntil <= now) return 'EXPIRED';
  if (consent.validFrom > now) return 'PENDING';
  return 'ACTIVE';
}
