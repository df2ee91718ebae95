import fs from 'node:fs';
import { buildASTSchema, getNamedType, isLeafType, isObjectType, parse, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { readSensitiveFields } from '../../gateway/sensitiveFields';
import { AGENCIES, envSuffix, FILE_FIELDS, INVOLVED_CATEGORY, PARTNER_AGENCIES } from '../../lib/agencies';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../schema/compose';

function isAggregate(type: GraphQLNamedType): boolean {
  return type.astNode?.directives?.some((d) => d.name.value === 'aggregate') ?? false;
}

/** Leaf fields without a label, other than keys and fields clients cannot ask for. */
function unlabelledLeafFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation'].includes(type.name)) continue;
    // Audit records are no person data of the categories: the owning agency decides who reads them.
    if (type.astNode?.directives?.some((d) => d.name.value === 'auditRecord')) continue;
    // Aggregate figures are counts over many records, never a person (the test below holds them to that).
    if (isAggregate(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name === 'id' || !isLeafType(getNamedType(field.type))) continue;
      // Hidden from clients: the consent assertion travels between subgraphs only.
      if (field.astNode?.directives?.some((d) => d.name.value === 'inaccessible')) continue;
      const labelled = field.astNode?.directives?.some((d) => d.name.value === 'sensitive');
      if (!labelled) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

describe('the supergraph', () => {
  const committed = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

  it('is up to date with the subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(committed).toBe(composeSupergraph());
  });

  it('carries @sensitive on every field of person data, with its category', () => {
    const schema = buildASTSchema(parse(committed), { assumeValidSDL: true });
    expect(unlabelledLeafFields(schema)).toEqual([]);
    expect(committed).toContain('directive @sensitive(category: Category!) on FIELD_DEFINITION');
  });

  it('exempts from labels only the audit record types, whose agencies decide who reads them', () => {
    const schema = buildASTSchema(parse(committed), { assumeValidSDL: true });
    const marked = Object.values(schema.getTypeMap()).filter((t) => t.astNode?.directives?.some((d) => d.name.value === 'auditRecord'));
    expect(marked.map((t) => t.name).sort()).toEqual(['CategoryBasis', 'CategoryDenial', 'Disclosure', 'DisclosureReport', 'DisclosureReview', 'DisclosureReviewQueue']);
  });

  it('exempts from labels only the statistics types, which reach no person and carry no label', () => {
    const schema = buildASTSchema(parse(committed), { assumeValidSDL: true });
    const aggregates = Object.values(schema.getTypeMap()).filter(isAggregate);
    // The shared types, and each agency's figures type, the one its field on Statistics returns.
    const statistics = schema.getType('Statistics');
    if (!isObjectType(statistics)) throw new Error('Statistics is missing');
    const figuresTypes = AGENCIES.map((agency) => getNamedType(statistics.getFields()[FILE_FIELDS[agency]!]!.type).name);
    expect(figuresTypes).toContain('PoliceStatistics');
    expect(aggregates.map((t) => t.name).sort()).toEqual(['StatCell', 'StatPeriodCount', 'StatSeries', 'Statistics', ...figuresTypes].sort());
    // From a statistics type only counts, labels and other statistics types can be reached: no
    // path leads from the figures to a client, a case or any labelled field.
    const escapes = aggregates.flatMap((type) =>
      isObjectType(type)
        ? Object.values(type.getFields())
            .filter((f) => !(isLeafType(getNamedType(f.type)) || isAggregate(getNamedType(f.type))) || f.astNode?.directives?.some((d) => d.name.value === 'sensitive'))
            .map((f) => `${type.name}.${f.name}`)
        : [],
    );
    expect(escapes).toEqual([]);
    expect(schema.getQueryType()?.getFields().statistics.args.map((a) => `${a.name}: ${a.type}`)).toEqual(['period: StatisticsPeriodInput!']);
  });

  it('has the unified client view with one file per agency, each resolved by its owner', () => {
    const schema = buildASTSchema(parse(committed), { assumeValidSDL: true });
    const client = schema.getType('Client');
    if (!isObjectType(client)) throw new Error('Client is missing');
    const owners = Object.fromEntries(
      PARTNER_AGENCIES.map((agency) => FILE_FIELDS[agency]!).map((name) => {
        const joinField = client.getFields()[name]?.astNode?.directives?.find((d) => d.name.value === 'join__field');
        const graph = joinField?.arguments?.find((a) => a.name.value === 'graph')?.value;
        return [name, graph && 'value' in graph ? graph.value : undefined];
      }),
    );
    // Each file is resolved by its agency's subgraph, whose join graph is the agency id in capitals.
    expect(owners).toEqual(Object.fromEntries(PARTNER_AGENCIES.map((agency) => [FILE_FIELDS[agency], envSuffix(agency)])));
    expect(owners.police).toBe('POLICE');
    expect(schema.getQueryType()?.getFields().client.args.map((a) => `${a.name}: ${a.type}`)).toEqual(['id: ID!']);
  });
});

describe('the category of each agency\'s involvement', () => {
  const schema = buildASTSchema(parse(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')), { assumeValidSDL: true });
  const labels = readSensitiveFields(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));

  it.each(PARTNER_AGENCIES)('is the @sensitive category of %s\'s `involved` in the supergraph, as the reference directory decides it', (agency) => {
    const client = schema.getType('Client');
    if (!isObjectType(client)) throw new Error('Client is not an object type');
    const file = getNamedType(client.getFields()[FILE_FIELDS[agency]]!.type);
    expect(labels.get(`${file.name}.involved`)).toEqual({ category: INVOLVED_CATEGORY[agency], agency });
  });

  it('sets the mental-health centre apart: that it knows a client is health data', () => {
    expect(INVOLVED_CATEGORY['mental-health']).toBe('HEALTH');
    expect(INVOLVED_CATEGORY.police).toBe('INVOLVEMENT');
  });
});
