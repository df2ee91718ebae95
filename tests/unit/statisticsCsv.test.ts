import fs from 'node:fs';
import { buildASTSchema, parse, validate } from 'graphql';
import { figuresOf, renderStatisticsCsv, statisticsCsvQuery, type AgencyFigures } from '../../gateway/statisticsCsv';
import { SUPERGRAPH_FILE } from '../../schema/compose';

describe('the statistics CSV', () => {
  const supergraph = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

  it('asks for every figure of every agency the supergraph has, in agency order, with a valid operation', () => {
    const figures = figuresOf(supergraph);
    expect(figures.map((f) => f.agency)).toEqual(['fjc', 'police', 'probation', 'perpetrator-programs', 'youth-care', 'housing', 'mental-health']);
    expect(figures.find((f) => f.agency === 'police')!.figures).toContain('interventionsByKind');
    const schema = buildASTSchema(parse(supergraph), { assumeValidSDL: true });
    expect(validate(schema, parse(statisticsCsvQuery(figures)))).toEqual([]);
  });

  it('has no route over a supergraph without statistics', () => {
    expect(figuresOf('type Query { hello: String }')).toEqual([]);
  });

  it('writes one row per period and a total row, leaves suppressed counts empty, and marks a missing agency', () => {
    const figures: AgencyFigures[] = [
      { field: 'police', agency: 'police', figures: ['interventionsByKind'] },
      { field: 'housing', agency: 'housing', figures: ['applicationsByPriority'] },
    ];
    const csv = renderStatisticsCsv({
      from: '2026-01-01', to: '2026-03-31', granularity: 'QUARTER', housing: null,
      police: {
        interventionsByKind: [
          { label: 'PHYSICAL', periods: [{ period: '2026-Q1', count: { value: 12, suppressed: false } }], total: { value: 12, suppressed: false } },
          { label: '=HYPERLINK("x"),1', periods: [{ period: '2026-Q1', count: { value: null, suppressed: true } }], total: { value: null, suppressed: true } },
        ],
      },
    }, figures);
    expect(csv.split('\r\n')).toEqual([
      'agency,series,label,period,value,suppressed',
      'police,interventionsByKind,PHYSICAL,2026-Q1,12,false',
      'police,interventionsByKind,PHYSICAL,total,12,false',
      `police,interventionsByKind,"'=HYPERLINK(""x""),1",2026-Q1,,true`,
      `police,interventionsByKind,"'=HYPERLINK(""x""),1",total,,true`,
      'housing,UNAVAILABLE,,,,',
      '',
    ]);
  });
});
