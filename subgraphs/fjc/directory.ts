import { decide, grantedBy, INVOLVED_CATEGORY, isPartnerAgencyId } from '../../lib/kit';
import type { FjcContext as Context } from './context';
import type { AgencyLinkRow, ClientRow } from './store';

/**
 * The reference directory of one client (`Client.agencyLinks`): the entries of the agencies whose
 * own policy would release their `involved` to this viewer, purpose and client. Each entry of
 * agency A is decided with `decide()` as A decides its `involved`: owner A, the category of A's
 * `involved` (HEALTH at the mental-health centre), and the very bases the FJC signs into A's
 * consent assertion for this request (`basesOf`: the registry, read once per request). An entry
 * that is not released is left out, not answered with an error, which would say that it exists.
 */
export async function directoryEntries(client: ClientRow, _args: unknown, context: Context): Promise<AgencyLinkRow[]> {
  const links = await context.loaders.agencyLinks.load(client.id);
  if (links.length === 0) return links;
  const bases = await context.access.basesOf(client.id);
  return links.flatMap((link) => {
    if (!isPartnerAgencyId(link.agency)) return [];
    const category = INVOLVED_CATEGORY[link.agency];
    const decision = decide({ viewer: context.viewer, purpose: context.purpose, owner: link.agency, category, bases });
    if (!decision.permit) return [];
    context.access.note(client.id, 'Client.agencyLinks', category, decision);
    return [grantedBy(link, decision.basis)];
  });
}
