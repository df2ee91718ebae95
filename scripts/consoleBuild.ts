import fs from 'node:fs';
import path from 'node:path';
import { generateConsoleTypes } from './consoleCodegen';
import { consoleBuildIsStale, CONSOLE_BUILD_STAMP } from './consoleStale';
import { ROOT } from './processes';

/**
 * Builds the web console into console/dist (npm run console:build; npm start does it when the
 * build is missing or older than its sources): types from the supergraph, then Vite.
 */
/** Generates the console's types and builds it with Vite. */
export async function buildConsole(): Promise<void> {
  await generateConsoleTypes();
  // Vite is an ES module; typed loosely here because this project resolves modules the CommonJS way.
  const { build } = (await import('vite' as string)) as { build(config: { configFile: string; logLevel: string; mode: string }): Promise<unknown> };
  // Always React's production build: a NODE_ENV inherited from a test runner (test) would give its
  // development one. Only for the build: npm start's processes, spawned after it, inherit this env.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'console', 'vite.config.mts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  fs.writeFileSync(CONSOLE_BUILD_STAMP, `${new Date().toISOString()}\n`);
}

/** Builds the console unless console/dist is up to date. @returns whether it built. */
export async function ensureConsoleBuilt(): Promise<boolean> {
  if (!consoleBuildIsStale()) return false;
  await buildConsole();
  return true;
}

if (require.main === module) {
  // `--if-stale` (npm test): build only when the sources changed, but always refresh the types.
  const work = process.argv.includes('--if-stale')
    ? ensureConsoleBuilt().then((built) => (built ? undefined : generateConsoleTypes()))
    : buildConsole();
  work.catch((error: unknown) => {
    process.stderr.write(`console build failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
