import path from 'node:path';
import { AGENCIES, type AgencyId } from '../lib/agencies';
import type { AgencyModule } from '../lib/kit/agency/agencyModule';

export type { AgencyModule } from '../lib/kit/agency/agencyModule';

/** Where an agency's code lives: `subgraphs/<id>/`. */
export function agencyDir(agency: AgencyId): string {
  return path.join(__dirname, agency);
}

const loaded = new Map<AgencyId, AgencyModule>();

/**
 * The module of one registered agency, `subgraphs/<id>/agency.ts` (its export `agency`), loaded on
 * first use: the seed script, `npm start`, the test stacks and the benchmarks find every agency's
 * code by the id in the registry, so that no file lists the agencies' modules.
 * @throws Error when the folder has no such module, or it names another agency.
 */
export function agencyModule(agency: AgencyId): AgencyModule {
  let module = loaded.get(agency);
  if (!module) {
    const exported = (require(path.join(agencyDir(agency), 'agency')) as { agency?: AgencyModule }).agency;
    if (!exported || exported.id !== agency || exported.definition.agency !== agency) {
      throw new Error(`subgraphs/${agency}/agency.ts must export \`agency\`, the module of agency "${agency}"`);
    }
    module = exported;
    loaded.set(agency, module);
  }
  return module;
}

/** Every registered agency's module, in registry order. */
export function agencyModules(): AgencyModule[] {
  return AGENCIES.map(agencyModule);
}
