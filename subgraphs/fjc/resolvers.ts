import { auditResolvers } from './audit';
import { clientSearchResolvers } from './clientSearchResolvers';
import { casePlanResolvers } from './casePlanResolvers';
import { caseResolvers } from './caseResolvers';
import { conferenceResolvers } from './conferenceResolvers';
import { consentResolvers } from './consentResolvers';
import { registryResolvers } from './registryResolvers';
import { statisticsResolvers } from './statistics';

type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges resolver maps type by type; a field defined twice is a programming error. */
function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      for (const field of Object.keys(fields)) {
        if (merged[type] && field in merged[type]) throw new Error(`resolver ${type}.${field} is defined twice`);
      }
      merged[type] = { ...merged[type], ...fields };
    }
  }
  return merged;
}

/** The FJC subgraph: client registry and cases, consent registry, security conferences, case plans. */
export const resolvers = mergeResolvers(
  registryResolvers,
  clientSearchResolvers,
  consentResolvers,
  conferenceResolvers,
  caseResolvers,
  casePlanResolvers,
  auditResolvers,
  statisticsResolvers,
);
