/**
 * The agency kit: everything an agency's subgraph needs to join OneRoof, and the only module an
 * agency imports (docs/connecting-an-agency.md). Every built-in agency uses exactly this, as a
 * partner agency would; the FJC, which signs consent assertions and decides who reads a client's
 * disclosures, has its own seam beside it (`lib/kit/fjc.ts`).
 *
 * - the agency module: `defineAgency`, `runAgency`;
 * - a partner's subgraph: `partnerSubgraph`, and its file on `Client`: `clientEntityResolvers`,
 *   `agencyFileResolvers`, `viaPerson`;
 * - the store interface (`AgencyStore`: person links, rows of a field for many persons, figures)
 *   and its SQLite implementation (`createSqliteAgencyStore`);
 * - statistics: `Figure`, `agencyStatisticsResolvers`;
 * - the synthetic world the seed writes from;
 * - policy, errors and validation an agency's own resolvers use (stricter checks of its own).
 */

// The agency module and its process.
export { defineAgency, type AgencyModule, type AgencySeed, type StoreHandle } from './agency/agencyModule';
export { runAgency } from './agency/runAgency';
export type { SubgraphContext, SubgraphDefinition } from './server/context';
export type { SubgraphExtension } from './server/extension';

// A partner agency's subgraph and its file on `Client`.
export {
  agencyFileResolvers,
  clientEntityResolvers,
  partnerSubgraph,
  viaPerson,
  type AgencyFileSource,
  type AgencyLoaders,
  type ClientEntity,
  type PartnerContext,
  type PartnerLoaders,
} from './agency/agencyFile';

// The store interface, and its SQLite implementation.
export type { AgencyStore, ClientLink, FigureBounds, MonthCount, PersonLinks, StoreContext } from './store/agencyStore';
export { createSqliteAgencyStore, sqliteFigures, type SqliteAgencyStore, type SqliteAgencyStoreOptions } from './store/sqliteAgencyStore';
export { BATCH_OPTIONS } from '../batching';
export { groupBy, idList, IN_ID_LIST, openSqliteStore, type Migration, type SqliteStore } from './store/sqlite';
export { listColumn, toListColumn } from './store/columns';

// Statistics.
export type { Figure, SqlFigure } from './statistics/figures';
export { agencyStatisticsResolvers, requireStatisticsPurpose, type StatisticsContext } from './statistics/resolvers';
export { parsePeriod, type StatisticsPeriod } from './statistics/period';

// The synthetic world.
export { addDays, addDaysTime, minDate, type Random } from '../seed/random';
export { MUNICIPALITIES } from '../seed/names';
export {
  households,
  involvementsOf,
  type CaseRole,
  type World,
  type WorldBarringOrder,
  type WorldCase,
  type WorldClient,
  type WorldHousehold,
  type WorldInvolvement,
  type WorldReport,
} from '../seed/world';

// The registry, the request and the policy an agency's own resolvers may apply.
export { AGENCY_NAMES, FJC, INVOLVED_CATEGORY, isPartnerAgencyId, type AgencyId } from '../agencies';
export { CATEGORIES, PURPOSES, type Category, type Purpose, type RequestContext, type Role } from '../viewer';
export { ceilingOf } from '../policy/ceilings';
export { decide, type ClientBases, type Decision } from '../policy/decide';
export { ceilingRemedy } from '../policy/remedy';
export { decidedPerEntry, grantedBy } from '../policy/fieldPolicy';
export { isFjcReader, mayMutate, mayReadConference, requireFjcReader, requireMutation, requirePersonLookup, type MutationName } from '../policy/operations';
export { agencyUnavailable, badUserInput, forbiddenOperation, invalidBasis, likelyDuplicate } from '../errors';
export {
  optionalText,
  requireAgencyId,
  requireCurrentPeriod,
  requireDistinctList,
  requireFreeText,
  requireIdentifier,
  requireIsoDate,
  requireIsoDateTime,
  requireLimit,
  requireOneOf,
  requirePastDate,
  requireText,
  requireUpcomingDate,
  type PeriodOptions,
} from '../validation';
