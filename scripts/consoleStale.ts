import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';

/** Whether the console's build (console/dist) is older than its sources; no build tools loaded here. */
const DIST = path.join(ROOT, 'console', 'dist');
/** Written after a successful build; older than any source means stale. */
export const CONSOLE_BUILD_STAMP = path.join(DIST, '.sources');
/** Everything the build reads: the console's sources, the agencies' cards, the supergraph, the lock file. */
const SOURCES = ['console/src', 'console/public', 'console/index.html', 'console/graphiql.html', 'console/vite.config.mts', 'schema/supergraph.graphql', 'package-lock.json'];

function newestMtime(target: string): number {
  const full = path.join(ROOT, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((newest, entry) => (entry === 'gql' ? newest : Math.max(newest, newestMtime(path.join(target, entry)))), stat.mtimeMs);
}

function cardSources(): string[] {
  const subgraphs = path.join(ROOT, 'subgraphs');
  return fs.readdirSync(subgraphs).filter((agency) => fs.existsSync(path.join(subgraphs, agency, 'console'))).map((agency) => `subgraphs/${agency}/console`);
}

/** Whether console/dist is missing or older than any of its sources. */
export function consoleBuildIsStale(): boolean {
  if (!fs.existsSync(CONSOLE_BUILD_STAMP)) return true;
  const built = fs.statSync(CONSOLE_BUILD_STAMP).mtimeMs;
  return [...SOURCES, ...cardSources()].some((source) => newestMtime(source) > built);
}

