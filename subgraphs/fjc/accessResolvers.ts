import type { SubgraphContext } from '../../lib/kit';

type Context = SubgraphContext<unknown>;

/**
 * Mints the consent assertion of one client for this request's viewer and purpose, from the
 * bases the registry holds right now (read per request, never cached across requests).
 */
export async function accessAssertion(client: { id: string }, _args: unknown, context: Context): Promise<string | null> {
  const { signer } = context.access;
  if (!signer) return null;
  const bases = await context.access.basesOf(client.id);
  return bases ? signer.sign(context, client.id, bases) : null;
}
