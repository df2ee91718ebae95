import { AGENCIES } from '../../lib/agencies';
import fs from 'node:fs';
import { buildASTSchema, parse, validate, type GraphQLError } from 'graphql';
import { figuresOf, periodOfQuery, renderStatisticsCsv, statisticsCsvQuery, type AgencyFigures } from '../../gateway/statisticsCsv';
import { SUPERGRAPH_FILE } from '../../schema/compose';

describe('the statistics CSV', () => {
  const supergraph = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

  it('asks for every figure of every agency the supergraph has, in agency order, with a valid operation', () => {
    const figures = figuresOf(supergraph);
    expect(figures.map((f) => f.agency)).toEqual([...AGENCIES]);
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

describe('the CSV route\'s period parameters', () => {
  const refusal = (query: string) => {
    try {
      periodOfQuery(new URLSearchParams(query));
      return null;
    } catch (error) {
      return { message: (error as GraphQLError).message, code: (error as GraphQLError).extensions.code, field: (error as GraphQLError).extensions.field };
    }
  };

  it('reads a whole-quarter period', () => {
    expect(periodOfQuery(new URLSearchParams('from=2026-01-01&to=2026-06-30&granularity=QUARTER'))).toEqual({ from: '2026-01-01', to: '2026-06-30', granularity: 'QUARTER' });
  });

  it.each([
    ['', 'from', 'Invalid from: is required: ?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=MONTH|QUARTER.'],
    ['from=2026-01-01&to=2026-06-30', 'granularity', 'Invalid granularity: is required: ?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=MONTH|QUARTER.'],
    ['from=2026-01-01&to=2026-06-30&granularity=WEEK', 'granularity', 'Invalid granularity: must be MONTH or QUARTER.'],
    ['from=01/01/2026&to=2026-06-30&granularity=MONTH', 'from', 'Invalid from: must be a date as YYYY-MM-DD.'],
    ['from=2026-01-01&to=2026-05-31&granularity=QUARTER', 'to', 'Invalid to: must be the last day of a quarter.'],
    ['from=2026-07-01&to=2026-06-30&granularity=MONTH', 'to', 'Invalid to: must not lie before from.'],
  ])('refuses ?%s naming the parameter %s in the caller\'s terms', (query, field, message) => {
    expect(refusal(query)).toEqual({ message, code: 'BAD_USER_INPUT', field });
  });
});
