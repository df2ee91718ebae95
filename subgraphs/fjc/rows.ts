import type { SqliteStore } from '../../lib/kit';

/** The FJC's store: client registry, cases and members, and the reference directory. */
export type FjcStore = SqliteStore;

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
