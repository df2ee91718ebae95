import { badUserInput, likelyDuplicate, optionalText, requireFjcReader, requireIsoDate, requireLimit } from '../../lib/kit';
import type { FjcContext as Context } from './context';
import { findClientsByName, likelyDuplicates, MAX_SEARCH_PARTS } from './clientSearch';
import { hasForbiddenNameCharacter, nameTokens } from './nameFolding';
import type { FjcStore } from './store';

/** `Query.findClients`: the indexed search, FJC staff only (a search must not tell another agency who is a client). */
export const clientSearchResolvers = {
  Query: {
    findClients: (_: unknown, args: { name?: string | null; dateOfBirth?: string | null; first?: number | null }, context: Context) => {
      requireFjcReader(context, 'IDENTITY');
      const name = optionalText('name', args.name, 100);
      const dateOfBirth = args.dateOfBirth ? requireIsoDate('dateOfBirth', args.dateOfBirth) : undefined;
      const first = requireLimit('first', args.first, 20, 100);
      const parts = [...new Set(name ? nameTokens(name) : [])];
      if (name && parts.length === 0) throw badUserInput('name', 'must contain letters or digits.');
      if (parts.length > MAX_SEARCH_PARTS) throw badUserInput('name', `at most ${MAX_SEARCH_PARTS} name parts.`);
      if (parts.length === 0 && !dateOfBirth) throw badUserInput('name', 'give a name or a date of birth to search by.');
      const { total, rows } = findClientsByName(context.store, { parts, dateOfBirth, first });
      return { totalCount: total, truncated: total > rows.length, clients: rows };
    },
  },
};

/** @throws BAD_USER_INPUT naming `field` when the name holds a control, invisible or text-direction character. */
export function requirePlainName(field: string, name: string): string {
  if (hasForbiddenNameCharacter(name)) {
    throw badUserInput(field, 'must not contain control, invisible or text-direction characters (such as U+200B or U+202E).');
  }
  return name;
}

/**
 * @throws LIKELY_DUPLICATE with the candidates' ids when a client born on `dateOfBirth` has the
 * same folded name, unless the caller confirmed every one of them as another person.
 */
export function requireNoLikelyDuplicate(store: FjcStore, name: string, dateOfBirth: string, confirmed: readonly string[]): void {
  const candidates = likelyDuplicates(store, name, dateOfBirth);
  const unconfirmed = candidates.filter((id) => !confirmed.includes(id));
  if (unconfirmed.length > 0) throw likelyDuplicate(candidates);
}
