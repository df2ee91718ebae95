import { currentSession, expire, renewed } from '../auth/session';
import type { TypedDocumentString } from '../gql/generated';
import { purposeHeaders, type Purpose } from '../purpose/purposeStore';

/** An error of a GraphQL answer, with OneRoof's extensions (README, Errors; docs/console.md). */
export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    code?: string;
    category?: string;
    agency?: string;
    reason?: string;
    field?: string;
    candidates?: string[];
    remedy?: Remedy;
  };
}

/** What would release a withheld field (C1): consent, a conference, another purpose, or nothing. */
export type Remedy =
  | { kind: 'CONSENT'; category: string; grantee: string; purpose: string; alternatives?: { kind: 'SECURITY_CONFERENCE'; category: string }[] }
  | { kind: 'SECURITY_CONFERENCE'; category: string }
  | { kind: 'PURPOSE'; category: string; purposes: string[] }
  | { kind: 'NONE'; category: string };

export interface Answer<T> {
  data: T | null;
  errors: ApiError[];
}

export interface RequestOptions {
  /** Another purpose than the chosen one, for one request (e.g. listing one's conferences). */
  purpose?: Purpose;
}

/** The query text of a generated document or of one assembled at run time (the unified view). */
type Operation<TResult, TVariables> = TypedDocumentString<TResult, TVariables> | { text: string; __result?: TResult; __variables?: TVariables };

function textOf(operation: TypedDocumentString<unknown, unknown> | { text: string }): string {
  return 'text' in operation && typeof operation.text === 'string' ? operation.text : String(operation);
}

/**
 * Sends one operation to the gateway on the same origin, with the session's token and the chosen
 * purpose. When the token has expired (401), the request waits for the viewer to sign in again
 * and is then sent once more, so a form being filled in loses nothing.
 */
export async function request<TResult, TVariables>(
  operation: Operation<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<Answer<TResult>> {
  for (;;) {
    await renewed();
    const session = currentSession();
    if (!session) throw new Error('not signed in');
    const purpose = options.purpose ? { 'x-purpose-of-use': options.purpose } : purposeHeaders();
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, ...purpose },
        body: JSON.stringify({ query: textOf(operation as TypedDocumentString<unknown, unknown> | { text: string }), variables }),
      });
    } catch {
      // The gateway did not answer at all: said like any other problem, nothing is lost.
      return { data: null, errors: [{ message: 'The gateway did not answer.', extensions: { code: 'NETWORK' } }] };
    }
    if (response.status === 401) {
      expire();
      continue;
    }
    const body = (await response.json().catch(() => ({}))) as { data?: TResult | null; errors?: ApiError[] };
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

/** The first error's code, for messages about the whole request. */
export function firstCode(errors: readonly ApiError[]): string | undefined {
  return errors[0]?.extensions?.code;
}
