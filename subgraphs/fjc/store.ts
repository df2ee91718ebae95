import { idList, IN_ID_LIST, openSqliteStore, sqliteFigures, type StoreContext } from '../../lib/kit';
import { indexClientName } from './clientSearch';
import { MIGRATIONS } from './migrations';
import { FJC_FIGURES } from './statistics';
import type { ClientRow, FjcStore } from './rows';

export type { ClientRow, FjcStore } from './rows';

/** Opens the FJC's own store (`<data>/fjc.sqlite`), which also counts its figures. */
export function openFjcStore(context: Pick<StoreContext, 'dataFile'>): FjcStore {
  const store = openSqliteStore(context.dataFile, MIGRATIONS);
  return Object.assign(store, { figure: sqliteFigures(store, FJC_FIGURES) });
}


export interface CaseRow {
  id: string;
  reference: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  riskLevel: string | null;
  caseManager: string | null;
}

export interface MemberRow {
  caseId: string;
  clientId: string;
  role: string;
}

export interface AgencyLinkRow {
  clientId: string;
  agency: string;
  capacity: string;
  since: string;
}

const CLIENT_COLUMNS = `id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, gender,
  language, interpreter_needed AS interpreterNeeded, phone, email, street, postal_code AS postalCode,
  municipality, address_protected AS addressProtected, registered_at AS registeredAt`;
const CASE_COLUMNS = `id, reference, status, opened_at AS openedAt, closed_at AS closedAt, risk_level AS riskLevel,
  case_manager AS caseManager`;

export function findClients(store: FjcStore, ids: readonly string[]): ClientRow[] {
  return store.all<ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id ${IN_ID_LIST}`, idList(ids));
}

export function findCases(store: FjcStore, ids: readonly string[]): CaseRow[] {
  return store.all<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id ${IN_ID_LIST}`, idList(ids));
}

export function findMembershipsOfClients(store: FjcStore, clientIds: readonly string[]): MemberRow[] {
  return store.all<MemberRow>(
    `SELECT case_id AS caseId, client_id AS clientId, role FROM case_members WHERE client_id ${IN_ID_LIST}`,
    idList(clientIds),
  );
}

export function findMembersOfCases(store: FjcStore, caseIds: readonly string[]): MemberRow[] {
  return store.all<MemberRow>(
    `SELECT case_id AS caseId, client_id AS clientId, role FROM case_members WHERE case_id ${IN_ID_LIST}
     ORDER BY case_id, CASE role WHEN 'VICTIM' THEN 0 WHEN 'PERPETRATOR' THEN 1 WHEN 'CHILD' THEN 2 ELSE 3 END, client_id`,
    idList(caseIds),
  );
}

export function findAgencyLinks(store: FjcStore, clientIds: readonly string[]): AgencyLinkRow[] {
  return store.all<AgencyLinkRow>(
    `SELECT client_id AS clientId, agency, capacity, since FROM agency_links WHERE client_id ${IN_ID_LIST} ORDER BY agency`,
    idList(clientIds),
  );
}

export interface ClientSearch {
  name?: string;
  dateOfBirth?: string;
  first: number;
}

/** Case-insensitive substring match on "first last" and/or exact date of birth. */
export function searchClients(store: FjcStore, search: ClientSearch): ClientRow[] {
  const pattern = search.name ? `%${search.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return store.all<ClientRow>(
    `SELECT ${CLIENT_COLUMNS} FROM clients
     WHERE (@pattern IS NULL OR (first_name || ' ' || last_name) LIKE @pattern ESCAPE '\\')
       AND (@dateOfBirth IS NULL OR date_of_birth = @dateOfBirth)
     ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT @first`,
    { pattern, dateOfBirth: search.dateOfBirth ?? null, first: search.first },
  );
}

export interface CaseSearch {
  status?: string;
  caseManager?: string;
  first: number;
}

export function listCases(store: FjcStore, search: CaseSearch): CaseRow[] {
  return store.all<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases
     WHERE (@status IS NULL OR status = @status) AND (@caseManager IS NULL OR case_manager = @caseManager)
     ORDER BY opened_at DESC, id DESC LIMIT @first`,
    { status: search.status ?? null, caseManager: search.caseManager ?? null, first: search.first },
  );
}

export interface NewClient {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  language: string;
  interpreterNeeded: boolean;
  phone: string | null;
  email: string | null;
  address: { street: string; postalCode: string; municipality: string } | null;
  addressProtected: boolean;
  registeredAt: string;
  registeredBy: string;
  requestId: string | null;
}

export function insertClient(store: FjcStore, client: NewClient): void {
  store.run(
    `INSERT INTO clients (id, first_name, last_name, date_of_birth, gender, language, interpreter_needed, phone, email,
       street, postal_code, municipality, address_protected, registered_at, registered_by, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    client.id, client.firstName, client.lastName, client.dateOfBirth, client.gender, client.language,
    client.interpreterNeeded ? 1 : 0, client.phone, client.email, client.address?.street ?? null,
    client.address?.postalCode ?? null, client.address?.municipality ?? null, client.addressProtected ? 1 : 0,
    client.registeredAt, client.registeredBy, client.requestId,
  );
  indexClientName(store, client);
}

/** The next free FJC client id (`FJC-` and six digits or more). */
export function nextClientId(store: FjcStore): string {
  const row = store.get<{ last: number | null }>(
    "SELECT MAX(CAST(SUBSTR(id, 5) AS INTEGER)) AS last FROM clients WHERE id LIKE 'FJC-%'",
  );
  return `FJC-${String((row?.last ?? 0) + 1).padStart(6, '0')}`;
}

export interface NewAgencyLink {
  agency: string;
  clientId: string;
  capacity: string;
  since: string;
  registeredBy: string;
  requestId: string | null;
}

/** Adds or refreshes an agency's entry in the reference directory. */
export function upsertAgencyLink(store: FjcStore, link: NewAgencyLink): void {
  store.run(
    `INSERT INTO agency_links (agency, client_id, capacity, since, registered_by, request_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_id, agency) DO UPDATE SET capacity = excluded.capacity, since = excluded.since,
       registered_by = excluded.registered_by, request_id = excluded.request_id`,
    link.agency, link.clientId, link.capacity, link.since, link.registeredBy, link.requestId,
  );
}

export function insertCase(store: FjcStore, row: CaseRow): void {
  store.run(
    'INSERT INTO cases (id, reference, status, opened_at, closed_at, risk_level, case_manager) VALUES (?, ?, ?, ?, ?, ?, ?)',
    row.id, row.reference, row.status, row.openedAt, row.closedAt, row.riskLevel, row.caseManager,
  );
}

export function insertCaseMember(store: FjcStore, member: MemberRow): void {
  store.run('INSERT INTO case_members (case_id, client_id, role) VALUES (?, ?, ?)', member.caseId, member.clientId, member.role);
}
