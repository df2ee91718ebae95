import type { AgencyStore, SqliteStore } from '../../lib/kit';

/** The FJC's store: client registry, cases and members, and the reference directory; it counts the FJC's figures. */
export type FjcStore = SqliteStore & Pick<AgencyStore, 'figure'>;

/** A client of the registry as the store reads it. */
export interface ClientRow {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  language: string;
  interpreterNeeded: number;
  phone: string | null;
  email: string | null;
  street: string | null;
  postalCode: string | null;
  municipality: string | null;
  addressProtected: number;
  registeredAt: string;
}
