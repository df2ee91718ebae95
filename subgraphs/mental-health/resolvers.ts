import { agencyFileResolvers, type AgencyFileSource, clientEntityResolvers, listColumn, type PartnerContext, type PartnerLoaders, viaPerson } from '../../lib/kit';
import { DIAGNOSIS_CODES, type CareEpisodeRow, type CrisisPlanRow, type MentalHealthRows } from './store';
import { statisticsResolvers } from './statistics';

type Context = PartnerContext<MentalHealthRows>;

const rows = viaPerson<MentalHealthRows>();
const careEpisodes = rows('careEpisodes');
const crisisPlans = rows('crisisPlans');

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
  Client: clientEntityResolvers<PartnerLoaders<MentalHealthRows>>('mentalHealth'),
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
