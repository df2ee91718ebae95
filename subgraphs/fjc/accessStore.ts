import { type Category, type ClientBases, idList, IN_ID_LIST, listColumn, type RequestContext } from '../../lib/kit';
import type { FjcStore } from './store';

/**
 * The legal bases that hold for the viewer and purpose of one request, for a batch of clients:
 * four indexed queries per batch, whatever its size. Read fresh on every request, never cached
 * across requests, so a revoked consent or a closed conference stops counting at once.
 */
export function findClientBases(
  store: FjcStore,
  request: RequestContext,
  clientIds: readonly string[],
  now = new Date().toISOString(),
): ClientBases[] {
  const ids = idList(clientIds);
  const { agency, sub } = request.viewer;
  const consent = new Map<string, Set<Category>>();
  const grants = store.all<{ clientId: string; categories: string; purposes: string }>(
    `SELECT c.client_id AS clientId, c.categories, c.purposes FROM consents c
     WHERE c.client_id ${IN_ID_LIST} AND c.grantee_agency = ? AND c.valid_from <= ? AND c.valid_until > ?
       AND NOT EXISTS (SELECT 1 FROM consent_revocations r WHERE r.consent_id = c.id)`,
    ids, agency, now, now,
  );
  for (const grant of grants) {
    if (!listColumn(grant.purposes).includes(request.purpose)) continue;
    const categories = consent.get(grant.clientId) ?? new Set<Category>();
    for (const category of listColumn(grant.categories)) categories.add(category as Category);
    consent.set(grant.clientId, categories);
  }
  const inConference = new Set(
    request.purpose === 'SECURITY_CONFERENCE' && request.conferenceId
      ? store
          .all<{ clientId: string }>(
            `SELECT m.client_id AS clientId FROM conferences cf
             JOIN conference_participants p ON p.conference_id = cf.id AND p.staff_sub = ? AND p.agency = ?
             JOIN case_members m ON m.case_id = cf.case_id
             WHERE cf.id = ? AND cf.closed_at IS NULL AND cf.starts_at <= ? AND cf.ends_at > ? AND m.client_id ${IN_ID_LIST}`,
            sub, agency, request.conferenceId, now, now, ids,
          )
          .map((row) => row.clientId)
      : [],
  );
  const protectedContact = new Set(
    store
      .all<{ clientId: string }>(
        `SELECT DISTINCT client_id AS clientId FROM case_members WHERE role IN ('VICTIM', 'CHILD') AND client_id ${IN_ID_LIST}`,
        ids,
      )
      .map((row) => row.clientId),
  );
  const jointClient = new Set(
    store
      .all<{ clientId: string }>(`SELECT client_id AS clientId FROM agency_links WHERE agency = ? AND client_id ${IN_ID_LIST}`, agency, ids)
      .map((row) => row.clientId),
  );
  return clientIds.map((id) => ({
    consent: [...(consent.get(id) ?? [])].sort(),
    conference: inConference.has(id) ? request.conferenceId ?? null : null,
    emergency: request.purpose === 'EMERGENCY' && Boolean(request.emergencyReason),
    // The FJC's own registration is its link to every client it registered.
    jointClient: agency === 'fjc' || jointClient.has(id),
    protectedContact: protectedContact.has(id),
  }));
}
