import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import type { SqliteStore } from '../../lib/kit/store/sqlite';
import type { GraphQLResponse, PostOptions } from './graphql';

/** Row counts of some FJC tables, to prove that a refused mutation wrote nothing. */
export function countRows(store: SqliteStore, tables: readonly string[]): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t, store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)!.n]));
}

export interface MutationLogRow {
  sub: string;
  agency: string;
  operation: string;
  target_id: string;
  at: string;
  purpose: string;
  conference_id: string | null;
  emergency_reason: string | null;
}

/** The FJC's mutation log rows written under one request id, with the purpose and basis of each. */
export function mutationLogOf(store: SqliteStore, requestId: string): MutationLogRow[] {
  return store.all<MutationLogRow>(
    'SELECT sub, agency, operation, target_id, at, purpose, conference_id, emergency_reason FROM mutation_log WHERE request_id = ? ORDER BY id',
    requestId,
  );
}

/** An ISO date-time `hours` from now (negative: ago). */
export function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString();
}

export interface ConsentGrant {
  clientId: string;
  granteeAgency: string;
  categories: string[];
  purposes?: string[];
  /** Hours the consent runs from now; default 24. */
  hours?: number;
}

const RECORD_CONSENT = /* GraphQL */ `
  mutation Record($input: RecordConsentInput!) { recordConsent(input: $input) { id status } }
`;

/** Records a consent through the gateway, as FJC front-desk staff would, and returns its id. */
export async function recordConsent(federation: Federation, token: string, grant: ConsentGrant): Promise<string> {
  const { body } = await federation.post<{ recordConsent: { id: string; status: string } }>(RECORD_CONSENT, {
    token,
    purpose: 'CASE_MANAGEMENT',
    variables: {
      input: {
        clientId: grant.clientId,
        granteeAgency: grant.granteeAgency,
        categories: grant.categories,
        purposes: grant.purposes ?? ['CASE_MANAGEMENT'],
        validFrom: hoursFromNow(-1),
        validUntil: hoursFromNow(grant.hours ?? 24),
        evidenceReference: `FORM-TEST-${grant.clientId}`,
      },
    },
  });
  if (!body.data?.recordConsent) throw new Error(`recordConsent failed: ${JSON.stringify(body.errors)}`);
  return body.data.recordConsent.id;
}

export interface SendOptions {
  /** Purpose of use; default CASE_MANAGEMENT. */
  purpose?: string;
  headers?: Record<string, string>;
}

/** What tests send through: a federation over HTTP (`startStack`) or in process (`startInProcess`). */
export interface Federation {
  token(claims: DevTokenClaims, ttlMinutes?: number): Promise<string>;
  post<T = Record<string, unknown>>(query: string, options?: PostOptions): Promise<GraphQLResponse<T>>;
}

/**
 * Sends operations through the gateway as given staff members, each under its own request id
 * (`<prefix>-<n>`), returned beside the response so tests can find the audit rows it wrote.
 */
export function createSender(getStack: () => Federation, prefix: string) {
  let requests = 0;
  return async <T>(claims: DevTokenClaims, query: string, variables: Record<string, unknown>, options: SendOptions = {}) => {
    requests += 1;
    const requestId = `${prefix}-${requests}`;
    const stack = getStack();
    const response = await stack.post<T>(query, {
      token: await stack.token(claims),
      purpose: options.purpose ?? 'CASE_MANAGEMENT',
      variables,
      headers: { 'x-request-id': requestId, ...options.headers },
    });
    return { ...response, requestId };
  };
}
