import { alternate, type Compared } from '../lib/compare';
import type { BenchSettings } from '../lib/context';
import { measureUnifiedView, type UnifiedViewLoad } from './unifiedView';

export const SCALE_CONCURRENCY = 1;

/**
 * Scenario 6: the unified view against two deployments that differ only in their dataset (1,000
 * and 100,000 clients, random clients spread over each), one connection, alternating.
 */
export async function scale(settings: BenchSettings, small: { url: string; load: UnifiedViewLoad }, large: { url: string; load: UnifiedViewLoad }): Promise<Compared> {
  settings.say('scale: unified view at 1,000 vs 100,000 clients, 1 connection');
  return alternate(settings.rounds, [
    { name: '1k', run: () => measureUnifiedView(settings, small.url, small.load, SCALE_CONCURRENCY) },
    { name: '100k', run: () => measureUnifiedView(settings, large.url, large.load, SCALE_CONCURRENCY) },
  ], settings.say);
}
