import type { AgencyId } from '../../agencies';
import type { Basis, DenyCode } from '../../policy/decide';
import type { ClientLedger } from '../../policy/access';
import type { Category, Purpose, RequestContext, Role, Viewer } from '../../viewer';
import { canonicalJson, chainedRowHasher } from './canonical';

/**
 * One row of `disclosure_log` exactly as stored and hashed. Only names are kept (fields,
 * categories, bases, codes), never a value of person data.
 */
export interface DisclosureRow {
  seq: number;
  time: string;
  request_id: string;
  viewer_sub: string;
  viewer_name: string;
  viewer_agency: string;
  /** JSON array of roles. */
  viewer_roles: string;
  purpose: string;
  conference_id: string | null;
  emergency_reason: string | null;
  /** `null`: values reached without a client (ledger key `''`). */
  client_id: string | null;
  /** Canonical JSON: category -> basis. */
  granted: string;
  /** Canonical JSON: category -> deny code. */
  denied: string;
  /** Canonical JSON: sorted list of `Type.field`. */
  fields: string;
  review_required: 0 | 1;
  prev_hash: string;
  hash: string;
}

/** The columns of a row in the order of the table, for SELECT and INSERT. */
export const ROW_COLUMNS = [
  'seq', 'time', 'request_id', 'viewer_sub', 'viewer_name', 'viewer_agency', 'viewer_roles', 'purpose',
  'conference_id', 'emergency_reason', 'client_id', 'granted', 'denied', 'fields', 'review_required', 'prev_hash', 'hash',
] as const satisfies readonly (keyof DisclosureRow)[];

/** A disclosure record as the API hands it out. */
export interface DisclosureRecord {
  seq: number;
  time: string;
  requestId: string;
  viewer: Viewer;
  purpose: Purpose;
  conferenceId: string | null;
  emergencyReason: string | null;
  clientId: string | null;
  granted: Partial<Record<Category, Basis>>;
  denied: Partial<Record<Category, DenyCode>>;
  fields: string[];
  /** Break-the-glass: an EMERGENCY basis was used, a reviewer must look at it. */
  reviewRequired: boolean;
  prevHash: string;
  hash: string;
}

/** The end of the chain: the next record gets `seq + 1` and `prev_hash = hash`. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Computes the hash a row must carry, from every other column. */
export const hashOfRow = chainedRowHasher<DisclosureRow>(ROW_COLUMNS);

/**
 * Builds the linked rows for one request: one per client with a decision, in client-id order so
 * the same ledger always gives the same chain.
 */
export function rowsFromLedger(
  request: RequestContext,
  ledger: ReadonlyMap<string, ClientLedger>,
  time: string,
  head: ChainHead,
): DisclosureRow[] {
  const rows: DisclosureRow[] = [];
  let previous = head;
  const viewerRoles = canonicalJson([...request.viewer.roles].sort());
  for (const clientId of [...ledger.keys()].sort()) {
    const entry = ledger.get(clientId)!;
    // A record with fields but no category is an audit read of this log by another agency.
    if (entry.granted.size === 0 && entry.denied.size === 0 && entry.fields.size === 0) continue;
    const bases = [...entry.granted.values()];
    const row: DisclosureRow = {
      seq: previous.seq + 1,
      time,
      request_id: request.requestId,
      viewer_sub: request.viewer.sub,
      viewer_name: request.viewer.name,
      viewer_agency: request.viewer.agency,
      viewer_roles: viewerRoles,
      purpose: request.purpose,
      conference_id: request.conferenceId ?? null,
      emergency_reason: request.emergencyReason ?? null,
      client_id: clientId === '' ? null : clientId,
      granted: canonicalJson(Object.fromEntries(entry.granted)),
      denied: canonicalJson(Object.fromEntries(entry.denied)),
      // A sorted list of strings: JSON.stringify gives canonicalJson's bytes.
      fields: JSON.stringify([...entry.fields].sort()),
      review_required: bases.includes('EMERGENCY') ? 1 : 0,
      prev_hash: previous.hash,
      hash: '',
    };
    row.hash = hashOfRow(row);
    rows.push(row);
    previous = { seq: row.seq, hash: row.hash };
  }
  return rows;
}

/** Parses a stored row; the JSON columns were written by `rowsFromLedger`. */
export function toRecord(row: DisclosureRow): DisclosureRecord {
  return {
    seq: row.seq,
    time: row.time,
    requestId: row.request_id,
    viewer: {
      sub: row.viewer_sub,
      name: row.viewer_name,
      agency: row.viewer_agency as AgencyId,
      roles: JSON.parse(row.viewer_roles) as Role[],
    },
    purpose: row.purpose as Purpose,
    conferenceId: row.conference_id,
    emergencyReason: row.emergency_reason,
    clientId: row.client_id,
    granted: JSON.parse(row.granted) as Partial<Record<Category, Basis>>,
    denied: JSON.parse(row.denied) as Partial<Record<Category, DenyCode>>,
    fields: JSON.parse(row.fields) as string[],
    reviewRequired: row.review_required === 1,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
