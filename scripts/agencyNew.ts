import fs from 'node:fs';
import path from 'node:path';
import { parseRegistry } from '../lib/agencies';
import { agencyTs, indexTs, resolversTs, schemaGraphql, seedTs, statisticsTs, storeTs } from './scaffold/code';
import { agencyTestTs, cardGraphql, cardJson, expectedFiguresTs, figuresJson, readmeMd } from './scaffold/extras';
import { entryOf, formatEntry, withEntry } from './scaffold/registryEntry';
import { namesOf, parseArguments, SpecError } from './scaffold/spec';
import { ROOT } from './processes';

/**
 * `npm run agency:new -- --id <id> --name "<name>" --field <clientField>`: writes a working partner
 * agency in `subgraphs/<id>/` (schema, store, resolvers, statistics, synthetic seed, tests, console
 * card, docs page) and adds its one entry to the registry, `subgraphs/agencies.json`. Nothing else
 * is edited: `npm run compose` then composes it into the supergraph and docker-compose.yml, and
 * `npm test` runs its tests with everyone's (docs/connecting-an-agency.md).
 */
const USAGE =
  'usage: npm run agency:new -- --id <id> --name "<English name>" --field <clientField> ' +
  '[--name-nl "<name>"] [--name-fr "<name>"] [--category <CATEGORY>] [--perpetrator-side]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function main(): void {
  const { spec, root: rootArg } = parseArguments(process.argv.slice(2));
  if (spec.category === 'IDENTITY' || spec.category === 'INVOLVEMENT') {
    throw new SpecError('--category: an agency\'s records are no IDENTITY or INVOLVEMENT facts; choose the category of what they hold (default SAFETY).');
  }
  const root = path.resolve(rootArg ?? ROOT);
  const registryFile = path.join(root, 'subgraphs', 'agencies.json');
  const registryText = fs.readFileSync(registryFile, 'utf8');
  const entry = entryOf(spec, parseRegistry(JSON.parse(registryText)));
  const folder = path.join(root, 'subgraphs', spec.id);
  if (fs.existsSync(folder)) throw new SpecError(`subgraphs/${spec.id} exists already.`);
  const names = namesOf(spec);
  const files: Record<string, string> = {
    'agency.ts': agencyTs(names),
    'schema.graphql': schemaGraphql(names),
    'store.ts': storeTs(names),
    'resolvers.ts': resolversTs(names),
    'statistics.ts': statisticsTs(names),
    'seed.ts': seedTs(names),
    'index.ts': indexTs(),
    'README.md': readmeMd(names, entry.portOffset),
    'console/card.graphql': cardGraphql(names),
    'console/card.json': cardJson(names, entry.portOffset),
    'console/figures.json': figuresJson(names),
    'tests/expectedFigures.ts': expectedFiguresTs(),
    [`tests/${spec.id}.test.ts`]: agencyTestTs(names),
  };
  const registryAfter = withEntry(registryText, entry);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  }
  fs.writeFileSync(registryFile, registryAfter);
  process.stdout.write(
    `wrote subgraphs/${spec.id}/ (${Object.keys(files).length} files)\n` +
      `added to subgraphs/agencies.json:\n${formatEntry(entry)}\n` +
      'next: npm run compose (supergraph and docker-compose.yml), then npm test\n',
  );
}

try {
  main();
} catch (error) {
  if (error instanceof SpecError) fail(error.message);
  throw error;
}
