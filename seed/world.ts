import { createWorld, type World, type WorldOptions } from '../lib/seed/world';
import { agencyModules } from '../subgraphs/registry';

/**
 * The synthetic world of every registered agency: `createWorld` with each agency's own rules of
 * whom it knows (`seed.involve` in `subgraphs/<id>/agency.ts`), in registry order.
 */
export function generateWorld(options: WorldOptions = {}): World {
  return createWorld(options, agencyModules().map(({ id, seed }) => ({ id, involve: seed.involve, consentNeeds: seed.consentNeeds })));
}
