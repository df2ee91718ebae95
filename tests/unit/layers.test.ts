import path from 'node:path';
import { AGENCIES, FJC } from '../../lib/agencies';
import { cyclesOf, importGraph, resolveSpecifier, sourceFiles, specifiersOf } from '../helpers/importGraph';

/**
 * The code's shape as docs/connecting-an-agency.md describes it: one agency library (lib/kit)
 * with one public entry, every concern in one home, and no module that imports itself back.
 */
const CODE = ['lib', 'gateway', 'subgraphs', 'scripts', 'seed', 'schema', 'conformance'];

describe('the modules of OneRoof', () => {
  const graph = importGraph(sourceFiles(CODE));

  it('import one another without a cycle, types included', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('finds the cycle it is shown, as a check of the check', () => {
    const looped = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(cyclesOf(looped)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('keeps the foundations of lib below the kit: nothing outside lib/kit imports into it from lib', () => {
    const upward = [...graph].filter(([file]) => file.startsWith(`lib${path.sep}`) && !file.startsWith(path.join('lib', 'kit')))
      .flatMap(([file, imports]) => imports.filter((target) => target.startsWith(path.join('lib', 'kit'))).map((target) => `${file} -> ${target}`));
    expect(upward).toEqual([]);
  });
});

describe("an agency's code", () => {
  /** Non-test modules of an agency's folder and the repository modules they import from outside it. */
  const outside = (agency: string) => {
    const folder = path.join('subgraphs', agency);
    return sourceFiles([folder])
      .filter((file) => !file.startsWith(path.join(folder, 'tests') + path.sep))
      .flatMap((file) => specifiersOf(file).map((s) => ({ file, target: resolveSpecifier(file, s) })))
      .flatMap(({ file, target }) => (target === null || target.startsWith(folder + path.sep) ? [] : [`${file} -> ${target}`]));
  };
  const KIT = path.join('lib', 'kit', 'index.ts');
  const FJC_SEAM = path.join('lib', 'kit', 'fjc.ts');

  it.each(AGENCIES.filter((agency) => agency !== FJC))('of %s imports the kit\'s public API and nothing else of OneRoof', (agency) => {
    expect(outside(agency).filter((edge) => !edge.endsWith(` -> ${KIT}`))).toEqual([]);
  });

  it('of the FJC imports the public API and the FJC\'s seam, nothing else of OneRoof', () => {
    expect(outside(FJC).filter((edge) => !edge.endsWith(` -> ${KIT}`) && !edge.endsWith(` -> ${FJC_SEAM}`))).toEqual([]);
  });
});
