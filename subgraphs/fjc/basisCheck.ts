import { invalidBasis, type RequestContext } from '../../lib/kit';
import { conferenceStatus, findConferences, findParticipants } from './conferenceStore';
import type { FjcStore } from './store';

/**
 * The FJC's check of a claimed security conference, on every request it receives (the gateway asks
 * the same before planning, but a subgraph trusts no router): the conference of `X-Conference-Id`
 * exists, is open now, and the viewer (staff id and agency of the verified token) is one of its
 * registered participants. One answer for all three failures, so a caller learns nothing of which
 * conferences exist.
 * @throws INVALID_BASIS (403) otherwise.
 */
export function requireOpenConference(store: FjcStore, request: RequestContext): void {
  if (request.purpose !== 'SECURITY_CONFERENCE' || !request.conferenceId) return;
  const conference = findConferences(store, [request.conferenceId])[0];
  const { sub, agency } = request.viewer;
  const holds =
    conference !== undefined &&
    conferenceStatus(conference) === 'OPEN' &&
    findParticipants(store, [conference.id]).some((p) => p.staffId === sub && p.agency === agency);
  if (!holds) throw invalidBasis('X-Conference-Id', 'X-Conference-Id names no open security conference you take part in.', 403);
}
