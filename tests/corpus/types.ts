/** The tokens the corpus runner mints or forges before the first case (tests/helpers/forgedTokens.ts). */
export type TokenName =
  | 'caseManager' | 'frontDesk' | 'coordinator' | 'expired' | 'notYetValid' | 'wrongAudience' | 'wrongIssuer'
  | 'foreignKey' | 'symmetric' | 'unsigned' | 'unknownAgency' | 'noRoles' | 'unknownRole' | 'noSub' | 'noExpiry'
  | 'tamperedClaims' | 'tamperedHeader' | 'strippedSignature'
  | 'noIssuedAt' | 'issuedInTenYears' | 'expiresInTenYears' | 'expiresAt1e300' | 'fiveHourLifetime';

/** One hostile or malformed request, as raw as HTTP allows. */
export interface CorpusRequest {
  /** Default POST. */
  method?: string;
  /** Path and query string; default `/graphql`. */
  path?: string;
  /**
   * The bearer token by name (default `caseManager`), the whole Authorization header value built
   * from the minted tokens, or `null` for none.
   */
  auth?: TokenName | ((tokens: Record<TokenName, string>) => string) | null;
  /** X-Purpose-Of-Use; default CASE_MANAGEMENT, `null` for none. */
  purpose?: string | null;
  /** Extra headers, overriding the defaults (content-type `application/json` on POST). */
  headers?: Record<string, string>;
  /** A body serialised as JSON. */
  json?: unknown;
  /** A raw body. */
  body?: string | Buffer;
  /** Streams the body without a content-length. */
  chunked?: boolean;
}

export interface CorpusCase {
  name: string;
  request: CorpusRequest;
  /** The exact HTTP status and the first error's `extensions.code`; `null`: answered without errors. */
  expect: { status: number; code: string | null };
}

/** A POST of one GraphQL operation. */
export function gql(query: string, variables?: unknown, extra: Omit<CorpusRequest, 'json'> = {}): CorpusRequest {
  return { ...extra, json: variables === undefined ? { query } : { query, variables } };
}

export const refused = (status: number, code: string) => ({ status, code });
export const answered = { status: 200, code: null };

/** A client every generated dataset has, known to every partner agency. */
export const CLIENT = 'FJC-000002';
