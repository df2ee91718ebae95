import { badUserInput, requireIdentifier } from '../../lib/kit';
import { findCases, findClients, type CaseRow, type ClientRow, type FjcStore } from './store';

/**
 * Checks that a mutation's references exist, read straight from the store in the same tick as the
 * write that follows, so nothing can change in between.
 */

export function requireClient(store: FjcStore, field: string, id: string): ClientRow {
  const client = findClients(store, [requireIdentifier(field, id)])[0];
  if (!client) throw badUserInput(field, 'no such client.');
  return client;
}

/** @param open - when true (the default), a closed case is refused too. */
export function requireCase(store: FjcStore, field: string, id: string, open = true): CaseRow {
  const found = findCases(store, [requireIdentifier(field, id)])[0];
  if (!found) throw badUserInput(field, 'no such case.');
  if (open && found.status !== 'OPEN') throw badUserInput(field, 'the case is closed.');
  return found;
}
