import { forbiddenOperation } from '../../errors';
import type { AgencyStore } from '../store/agencyStore';
import type { RequestContext } from '../../viewer';
import { publishFigure, type Figure, type SeriesView } from './figures';
import { parsePeriod, sqlBounds, type StatisticsPeriod } from './period';

/** What the statistics resolvers read of a subgraph's context: the verified request and the store that counts. */
export interface StatisticsContext extends RequestContext {
  store: Pick<AgencyStore, 'figure'>;
}

/**
 * @throws FORBIDDEN unless the purpose is STATISTICS. Any role may ask for figures, but only for
 * that purpose, the one whose ceiling has no category of person data at all: a request that
 * carries figures can then carry no person, whoever asks.
 */
export function requireStatisticsPurpose(request: RequestContext): void {
  if (request.purpose !== 'STATISTICS') throw forbiddenOperation();
}

export interface AgencyStatisticsOptions {
  /** The agency's field on `Statistics`, e.g. `police`. */
  field: string;
  /** The agency's figures type, e.g. `PoliceStatistics`. */
  typeName: string;
  /** Its figures by field name. */
  figures: Record<string, Figure>;
}

type FigureResolver = (period: StatisticsPeriod, args: unknown, context: StatisticsContext) => Promise<SeriesView | SeriesView[]>;

/**
 * The resolvers of one agency's figures: the `Statistics` entity (from its key, which is the
 * period), the agency's field on it, and one resolver per figure, each counted by the agency's
 * store (`AgencyStore.figure`) only when asked for. Purpose and period are checked here, in the
 * agency, whatever the router did.
 */
export function agencyStatisticsResolvers(options: AgencyStatisticsOptions) {
  const figures: Record<string, FigureResolver> = {};
  for (const [name, figure] of Object.entries(options.figures)) {
    figures[name] = async (period, _args, context) => {
      const series = publishFigure(figure, await context.store.figure(name, sqlBounds(period)), period);
      return figure.single ? series[0]! : series;
    };
  }
  return {
    Statistics: {
      __resolveReference: (reference: unknown, context: StatisticsContext): StatisticsPeriod => {
        requireStatisticsPurpose(context);
        return parsePeriod(reference);
      },
      [options.field]: (statistics: unknown, _args: unknown, context: StatisticsContext): StatisticsPeriod => {
        requireStatisticsPurpose(context);
        return parsePeriod(statistics);
      },
    },
    [options.typeName]: figures,
  };
}
