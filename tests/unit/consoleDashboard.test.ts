import fs from 'node:fs';
import path from 'node:path';
import { figuresOf } from '../../gateway/statisticsCsv';
import { homeOf, purposesFor } from '../../console/src/app/roles';
import { buildI18n } from '../../console/src/i18n/catalog';
import { assembleDashboard } from '../../console/src/statistics/assemble';
import type { AgencyFiguresSpec, SchemaAgencyFigures } from '../../console/src/statistics/figureTypes';
import { agencyTitle, labelTitle } from '../../console/src/statistics/names';
import { periodLabel } from '../../console/src/statistics/periods';
import type { Figure } from '../../lib/kit/statistics/figures';
import { SUPERGRAPH_FILE } from '../../schema/compose';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA: SchemaAgencyFigures[] = figuresOf(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
const specFiles = fs.readdirSync(path.join(ROOT, 'subgraphs')).filter((agency) => fs.existsSync(path.join(ROOT, 'subgraphs', agency, 'console', 'figures.json')));
const SPECS = specFiles.map((agency) => JSON.parse(fs.readFileSync(path.join(ROOT, 'subgraphs', agency, 'console', 'figures.json'), 'utf8')) as AgencyFiguresSpec);
const nl = buildI18n('nl', () => undefined);
const en = buildI18n('en', () => undefined);

/** The labels an agency's statistics module publishes, figure by figure (`<AGENCY>_FIGURES`). */
function publishedLabels(agency: string): Record<string, readonly string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(ROOT, 'subgraphs', agency, 'statistics.ts')) as Record<string, unknown>;
  const found = Object.entries(module).find(([name]) => name.endsWith('_FIGURES'));
  if (!found) throw new Error(`subgraphs/${agency}/statistics.ts exports no <AGENCY>_FIGURES: its labels cannot be checked against figures.json`);
  const figures = found[1] as Record<string, Figure>;
  return Object.fromEntries(Object.entries(figures).map(([name, figure]) => [name, figure.labels]));
}

describe("the coordinator's dashboard, assembled from the supergraph and the agencies' figures.json", () => {
  it("names every figure of every agency that has a figures.json, in Dutch, French and English, and no figure the supergraph lacks", () => {
    const problems: string[] = [];
    for (const spec of SPECS) {
      const schema = SCHEMA.find((agency) => agency.agency === spec.agency);
      if (!schema) problems.push(`${spec.agency}: no such agency in the supergraph`);
      for (const name of schema?.figures ?? []) {
        for (const locale of ['nl', 'fr', 'en'] as const) if (!spec.figures[name]?.[locale]?.trim()) problems.push(`${spec.agency}.${name} (${locale})`);
      }
      for (const name of Object.keys(spec.figures)) if (!schema?.figures.includes(name)) problems.push(`${spec.agency}.${name}: not a figure of the supergraph`);
    }
    expect(problems).toEqual([]);
  });

  it('translates every label each agency publishes', () => {
    const missing = SPECS.flatMap((spec) =>
      Object.entries(publishedLabels(spec.agency)).flatMap(([figure, labels]) =>
        labels.filter((label) => label !== 'ALL').flatMap((label) =>
          (['nl', 'fr', 'en'] as const).filter((locale) => !spec.labels?.[label]?.[locale]?.trim()).map((locale) => `${spec.agency}.${figure} ${label} (${locale})`))));
    expect(missing).toEqual([]);
  });

  it('gives every agency of the supergraph its figures, in its order, named from its folder', () => {
    const dashboard = assembleDashboard(SCHEMA, SPECS, []);
    expect(dashboard.map((agency) => agency.agency)).toEqual(SCHEMA.map((agency) => agency.agency));
    expect(dashboard.map((agency) => agency.agency)).toEqual(expect.arrayContaining(['fjc', 'police', 'probation', 'perpetrator-programs', 'youth-care', 'housing', 'mental-health']));
    const police = dashboard.find((agency) => agency.agency === 'police')!;
    expect(police.figures.map((f) => [f.name, f.list, nl.pick(f.title)])).toEqual([
      ['interventionsByKind', true, 'Interventies, per soort geweld'],
      ['interventionsBySubstance', true, 'Interventies, per middel aan de kant van de pleger'],
      ['interventionsWithChildrenPresent', false, 'Interventies met kinderen aanwezig'],
      ['barringOrdersImposed', false, 'Opgelegde tijdelijke huisverboden'],
      ['barringOrdersExtended', false, 'Verlengde huisverboden'],
    ]);
    expect(labelTitle(nl, police, police.figures[0]!, 'STALKING')).toBe('Belaging');
    expect(labelTitle(nl, police, police.figures[2]!, 'ALL')).toBe('Aantal');
    expect(agencyTitle(nl, police)).toBe('Politiezone');
  });

  it("shows a new agency's figures without a figures.json, by the schema's descriptions, under its card's title", () => {
    const prosecutor: SchemaAgencyFigures = {
      field: 'prosecutor', agency: 'prosecutor', figures: ['casesByOutcome'],
      fields: [{ name: 'casesByOutcome', list: true, description: 'Cases closed, by outcome.' }],
    };
    const card = { agency: 'prosecutor', title: { nl: 'Parket', fr: 'Parquet', en: "Public prosecutor's office" } };
    const [added] = assembleDashboard([prosecutor], SPECS, [card]);
    expect([agencyTitle(nl, added!), agencyTitle(en, added!)]).toEqual(['Parket', "Public prosecutor's office"]);
    expect(added!.figures.map((f) => nl.pick(f.title))).toEqual(['Cases closed, by outcome.']);
    // An untranslated label is shown as the API gives it, never dropped.
    expect(labelTitle(nl, added!, added!.figures[0]!, 'DISMISSED')).toBe('DISMISSED');
    expect(agencyTitle(nl, assembleDashboard([prosecutor], [], [])[0]!)).toBe('prosecutor');
  });

  it('writes periods in the reader\'s language', () => {
    expect([periodLabel(nl, '2025-03'), periodLabel(en, '2025-03'), periodLabel(buildI18n('fr', () => undefined), '2025-03')]).toEqual(['mrt 2025', 'Mar 2025', 'mars 2025']);
    expect([periodLabel(nl, '2025-Q1'), periodLabel(en, '2025-Q4'), periodLabel(buildI18n('fr', () => undefined), '2025-Q2')]).toEqual(['K1 2025', 'Q4 2025', 'T2 2025']);
  });
});

describe('where each role starts in the console, and with which purposes', () => {
  it('sends a coordinator to the figures, with STATISTICS as the only purpose', () => {
    expect([homeOf(['COORDINATOR']), purposesFor(['COORDINATOR'])]).toEqual(['/statistics', ['STATISTICS']]);
  });

  it('sends a coordinator who also works on clients to the find page, STATISTICS after the client purposes', () => {
    expect([homeOf(['COORDINATOR', 'CASE_MANAGER']), purposesFor(['COORDINATOR', 'CASE_MANAGER'])]).toEqual([
      '/find', ['INTAKE', 'CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY', 'STATISTICS'],
    ]);
  });

  it('offers no STATISTICS to staff who are no coordinators, and only AUDIT to auditors', () => {
    expect([homeOf(['FRONT_DESK']), purposesFor(['FRONT_DESK'])]).toEqual(['/find', ['INTAKE', 'CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY']]);
    expect([homeOf(['AUDITOR', 'COORDINATOR']), purposesFor(['AUDITOR'])]).toEqual(['/review', ['AUDIT']]);
  });
});
