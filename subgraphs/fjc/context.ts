import { requestTime } from './mutationLog';
import type { SubgraphContext } from '../../lib/kit';
import type { DisclosureContext } from '../../lib/kit/fjc';
import type { FjcLoaders } from './loaders';
import type { FjcStore } from './store';

/** What every FJC resolver receives: the verified request, its loaders, the store, and its disclosure log. */
export type FjcContext = SubgraphContext<FjcLoaders, FjcStore> & DisclosureContext;

/** Who writes, when and under which request id: the audit columns of a new or changed record. */
export interface Authorship {
  by: string;
  at: string;
  requestId: string;
}

export function authorship(context: FjcContext): Authorship {
  return { by: context.viewer.sub, at: requestTime(context), requestId: context.requestId };
}
