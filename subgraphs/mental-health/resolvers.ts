import { agencyFileResolvers, type AgencyFileSource, clientEntityResolvers, listColumn, type SubgraphContext, viaPerson } from '../../lib/kit';
import type { MentalHealthLoaders } from './loaders';
import { DIAGNOSIS_CODES, type CareEpisodeRow, type CrisisPlanRow } from './store';
import { statisticsResolvers } from './statistics';

type Context = SubgraphContext<MentalHealthLoaders>;

const careEpisodes = viaPerson((l: MentalHealthLoaders) => l.careEpisodes);
const crisisPlans = viaPerson((l: MentalHealthLoaders) => l.crisisPlans);

/**
 * A single-valued fact from a per-person list ordered newest first. `undefined` means the centre
 * does not know the client, so the field is null rather than a negative answer.
 */
function latest<T>(rows: (file: AgencyFileSource, args: unknown, context: Context) => Promise<T[]> | null) {
  return async (file: AgencyFileSource, args: unknown, context: Context): Promise<T | null | undefined> => {
    const all = await rows(file, args, context);
    return all === null ? undefined : (all[0] ?? null);
  };
}

const latestEpisode = latest<CareEpisodeRow>(careEpisodes);
const latestCrisisPlan = latest<CrisisPlanRow>(crisisPlans);

export const resolvers = {
  Client: clientEntityResolvers<MentalHealthLoaders>('mentalHealth'),
  MentalHealthFile: {
    ...agencyFileResolvers,
    careEpisodes,
    careEpisode: async (file: AgencyFileSource, args: unknown, context: Context) => (await latestEpisode(file, args, context)) ?? null,
    inCare: async (file: AgencyFileSource, args: unknown, context: Context): Promise<boolean | null> => {
      const episode = await latestEpisode(file, args, context);
      return episode === undefined ? null : episode !== null && episode.endedOn === null;
    },
    crisisPlan: async (file: AgencyFileSource, args: unknown, context: Context) => (await latestCrisisPlan(file, args, context)) ?? null,
    hasCrisisPlan: async (file: AgencyFileSource, args: unknown, context: Context): Promise<boolean | null> => {
      const plan = await latestCrisisPlan(file, args, context);
      return plan === undefined ? null : plan !== null;
    },
  },
  MentalHealthCareEpisode: {
    substanceFocus: (row: CareEpisodeRow) => listColumn(row.substanceFocus),
  },
  // The store keeps ICD-10 codes as written (F43.1); GraphQL enum names cannot hold a dot.
  MentalHealthDiagnosis: Object.fromEntries(DIAGNOSIS_CODES.map((code) => [code.replace('.', '_'), code])),
  ...statisticsResolvers,
};
