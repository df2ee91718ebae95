import type { GraphQLResponse } from './graphql';

/** One error of a response, reduced to what docs/interface.md promises (Withheld fields): message, path and `{ code, category, agency, reason }`. */
export interface WithheldRow {
  message: string;
  /** The response path, dotted: `client.police.interventions`, `clients.0.phone`. */
  path: string;
  code: unknown;
  category: unknown;
  agency: unknown;
  reason: unknown;
}

const REASONS: Record<string, string> = {
  FORBIDDEN: 'ABOVE_CEILING',
  CONSENT_REQUIRED: 'NO_BASIS',
  PROTECTED: 'PROTECTED_CONTACT',
};

/**
 * The errors of a response as `WithheldRow`s, sorted by path, so a test can state the whole list
 * exactly. Apollo's own `serviceName` is left out: it is not part of the contract.
 */
export function withheldOf(body: GraphQLResponse['body']): WithheldRow[] {
  return (body.errors ?? [])
    .map((error) => ({
      message: error.message,
      path: (error.path ?? []).join('.'),
      code: error.extensions?.code,
      category: error.extensions?.category,
      agency: error.extensions?.agency,
      reason: error.extensions?.reason,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : String(a.code).localeCompare(String(b.code))));
}

/**
 * The row a withheld field answers with. The reason defaults to the one each code has when no
 * agency rule of its own applies: ABOVE_CEILING, NO_BASIS, PROTECTED_CONTACT.
 */
export function withheldRow(path: string, code: 'FORBIDDEN' | 'CONSENT_REQUIRED' | 'PROTECTED', category: string, agency: string, reason = REASONS[code]): WithheldRow {
  return { message: 'This field is withheld.', path, code, category, agency, reason };
}
