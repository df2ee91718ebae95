import fs from 'node:fs';
import path from 'node:path';
import { AGENCIES, FJC, parseRegistry, PARTNER_AGENCIES, REGISTRY } from '../../lib/agencies';
import { agencyModule } from '../../subgraphs/registry';

const ROOT = path.resolve(__dirname, '..', '..');
const registryFile = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'subgraphs', 'agencies.json'), 'utf8')) as { agencies: Record<string, unknown>[] };

describe('the registry of agencies', () => {
  it('lists the FJC first, then the partner agencies, each with its own field and port', () => {
    expect(AGENCIES[0]).toBe(FJC);
    expect(PARTNER_AGENCIES).toEqual(AGENCIES.slice(1));
    expect(new Set(REGISTRY.map((a) => a.field)).size).toBe(REGISTRY.length);
    expect(new Set(REGISTRY.map((a) => a.portOffset)).size).toBe(REGISTRY.length);
  });

  it.each(AGENCIES)('finds the code of %s in its own folder, by its id', (agency) => {
    const module = agencyModule(agency);
    expect(module.id).toBe(agency);
    expect(module.definition.agency).toBe(agency);
    expect(fs.existsSync(path.join(ROOT, 'subgraphs', agency, 'schema.graphql'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'subgraphs', agency, 'index.ts'))).toBe(true);
  });

  it('accepts the committed file as it is', () => {
    expect(parseRegistry(registryFile())).toEqual(REGISTRY);
  });

  const withEntry = (change: (entries: Record<string, unknown>[]) => void) => {
    const file = registryFile();
    change(file.agencies);
    return () => parseRegistry(file);
  };

  it.each([
    ['an id that is no lower-case word', (e: Record<string, unknown>[]) => (e[1]!.id = 'Police'), /"id" must be lower-case/],
    ['a missing French name', (e: Record<string, unknown>[]) => delete (e[1]!.names as Record<string, string>).fr, /"names.fr" is required/],
    ['a field that is no GraphQL name', (e: Record<string, unknown>[]) => (e[1]!.field = 'police-file'), /"field" must be a GraphQL field name/],
    ['an unknown category of `involved`', (e: Record<string, unknown>[]) => (e[1]!.involvedCategory = 'SECRET'), /"involvedCategory" must be one of/],
    ['a partner without perpetratorSide', (e: Record<string, unknown>[]) => delete e[1]!.perpetratorSide, /"perpetratorSide" must be true or false/],
    ['two agencies on one port', (e: Record<string, unknown>[]) => (e[2]!.portOffset = e[1]!.portOffset), /two entries have portOffset/],
    ['two agencies with one id', (e: Record<string, unknown>[]) => (e[2]!.id = e[1]!.id), /two entries have id/],
    ['two agencies with one field', (e: Record<string, unknown>[]) => (e[2]!.field = e[1]!.field), /two entries have field/],
    ['the FJC not first', (e: Record<string, unknown>[]) => e.reverse(), /the first entry must be "fjc"/],
  ])('refuses %s, naming what is wrong', (_what, change, message) => {
    expect(withEntry(change)).toThrow(message);
  });

  it('knows no agency outside the file', () => {
    expect(() => parseRegistry({ agencies: [] })).toThrow(/non-empty list/);
    expect(() => agencyModule('no-such-agency')).toThrow();
  });
});

/**
 * Agencies are data: no code outside an agency's own folder spells a partner agency's id. Tests of
 * one agency's own behaviour may; code, tools and the FJC may not (they derive the list).
 */
describe('the agencies in the code', () => {
  const CODE_DIRS = ['lib', 'gateway', 'scripts', 'seed', 'schema', 'bench', 'subgraphs', 'console/src'];
  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      // Generated (console/src/gql) and measured (bench/results) files only reflect the code.
      if (entry.isDirectory()) return ['node_modules', 'results', 'gql'].includes(entry.name) ? [] : files(relative);
      if (entry.name === 'supergraph.graphql') return []; // composed from the agencies' own
      return /\.(ts|tsx|js|sh|graphql)$/.test(entry.name) || entry.name === 'Dockerfile' ? [relative] : [];
    });
  // A copy of the repository without the console (the scaffold's test) checks the rest.
  const code = [...CODE_DIRS.filter((dir) => fs.existsSync(path.join(ROOT, dir))).flatMap(files), 'Dockerfile', 'package.json', 'jest.config.js'];
  // A comment may name an agency as an example; a constant table keyed by category may hold the same word.
  const isProse = (line: string) => /^\s*(\*|\/\/|\/\*|#)/.test(line) || /^\s*[A-Z_]+: '[^']*',?$/.test(line);

  it.each(PARTNER_AGENCIES)('spells %s only in its own folder and the registry', (agency) => {
    const literal = new RegExp(`['"\`]${agency}['"\`]`);
    const found = code
      .filter((file) => !file.startsWith(path.join('subgraphs', agency) + path.sep))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (literal.test(line) && !isProse(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });
});
