import fs from 'node:fs';
import {
  buildASTSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  parse,
  print,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type GraphQLObjectType,
} from 'graphql';
import { filterOperation } from '../../gateway/fieldFilter';
import { readSensitiveFields } from '../../gateway/sensitiveFields';
import { ceilingOf } from '../../lib/policy/ceilings';
import type { Purpose, Role } from '../../lib/viewer';
import { SUPERGRAPH_FILE } from '../../schema/compose';

const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const fields = readSensitiveFields(sdl);
const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });

function filter(query: string, roles: Role[], purpose: Purpose, operationName?: string) {
  const document = parse(query);
  const result = filterOperation(document, schema, fields, ceilingOf(roles, purpose), operationName);
  // Whatever the filter leaves must still be a valid operation for the planner.
  expect(validate(schema, result.document)).toEqual([]);
  return { printed: print(result.document), removed: result.removed, untouched: result.document === document };
}

const gql = (text: string): string => print(parse(text));
const seg = (key: string, type: string) => ({ key, type });

/** Every field reachable from `type`, `Client` entered once: the widest operation a client can send. */
function everything(type: GraphQLObjectType, depth = 4, seen: string[] = []): string {
  const selections = Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (field.args.some((a) => a.type.toString().endsWith('!'))) return [];
    if (!isCompositeType(named)) return [field.name];
    if (!isObjectType(named) || depth === 0 || seen.includes(named.name)) return [];
    return [`${field.name} ${everything(named, depth - 1, [...seen, type.name])}`];
  });
  return `{ ${selections.join(' ')} }`;
}
const EVERYTHING = `{ client(id: "FJC-000001") ${everything(schema.getType('Client') as GraphQLObjectType)} cases { reference riskLevel members { role client { displayName } } } }`;

/** The labelled fields an operation still selects. */
function labelledIn(query: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const found: string[] = [];
  visit(parse(query), visitWithTypeInfo(typeInfo, {
    Field(node) {
      const key = `${typeInfo.getParentType()?.name}.${node.name.value}`;
      if (fields.has(key)) found.push(key);
    },
  }));
  return found;
}

describe('reading the labels of the supergraph', () => {
  it('reads each field\'s category with the agency that owns the field', () => {
    expect(fields.get('Client.displayName')).toEqual({ category: 'IDENTITY', agency: 'fjc' });
    expect(fields.get('Client.address')).toEqual({ category: 'CONTACT', agency: 'fjc' });
    expect(fields.get('Address.street')).toEqual({ category: 'CONTACT', agency: 'fjc' });
    expect(fields.get('PoliceFile.interventions')).toEqual({ category: 'JUSTICE', agency: 'police' });
    expect(fields.get('MentalHealthFile.involved')).toEqual({ category: 'HEALTH', agency: 'mental-health' });
    expect(fields.get('ProgrammeSession.attended')).toEqual({ category: 'PROGRAM', agency: 'perpetrator-programs' });
  });

  it('has every label of the supergraph, and none for keys, agency files or root fields', () => {
    expect(fields.size).toBe(sdl.match(/ @sensitive\(category: [A-Z]+\)/g)!.length);
    for (const unlabelled of ['Client.id', 'Client.police', 'Client.mentalHealth', 'Query.client', 'Query.clients']) {
      expect(fields.has(unlabelled)).toBe(false);
    }
  });

  it('refuses a label it cannot place, so the gateway never starts with a partial map', () => {
    const graphs = `enum join__Graph { FJC @join__graph(name: "fjc", url: "http://fjc") }`;
    expect(() => readSensitiveFields(`${graphs} type T { f: String @sensitive(category: SECRET) }`)).toThrow(/unknown @sensitive category/);
    expect(() => readSensitiveFields(`${graphs} type T { f: String @sensitive(category: HEALTH) }`)).toThrow(/no owning subgraph/);
    expect(readSensitiveFields(`${graphs} type T @join__type(graph: FJC) { f: String @sensitive(category: HEALTH) }`))
      .toEqual(new Map([['T.f', { category: 'HEALTH', agency: 'fjc' }]]));
  });
});

describe('the pre-planning field filter', () => {
  const FRONT_DESK_VIEW = /* GraphQL */ `{ client(id: "FJC-000001") { displayName address { street } police { involved interventions { kind } } } }`;

  it('leaves an operation untouched for a case manager in case management', () => {
    expect(validate(schema, parse(EVERYTHING))).toEqual([]);
    const { untouched, printed, removed } = filter(EVERYTHING, ['CASE_MANAGER'], 'CASE_MANAGEMENT');
    expect(untouched).toBe(true);
    expect(printed).toBe(gql(EVERYTHING));
    expect(removed).toEqual([]);
  });

  it('takes contact and justice data out of a front desk intake view, keeping identity and involvement', () => {
    const { printed, removed } = filter(FRONT_DESK_VIEW, ['FRONT_DESK'], 'INTAKE');
    expect(printed).toBe(gql(`{ client(id: "FJC-000001") {
      displayName oneroof_withheld_0: __typename police { involved oneroof_withheld_1: __typename } } }`));
    expect(removed).toEqual([
      { path: [seg('client', 'Client'), seg('address', 'Address')], placeholder: 'oneroof_withheld_0', parentType: 'Client', category: 'CONTACT', agency: 'fjc' },
      { path: [seg('client', 'Client'), seg('police', 'PoliceFile'), seg('interventions', '[PoliceIntervention!]')], placeholder: 'oneroof_withheld_1', parentType: 'PoliceFile', category: 'JUSTICE', agency: 'police' },
    ]);
  });

  it('reports aliased fields under their alias, keeping directives on the placeholder', () => {
    const { printed, removed } = filter(
      `query ($x: Boolean!) { victim: client(id: "FJC-000001") { name: displayName home: address @include(if: $x) { street } } }`,
      ['FRONT_DESK'], 'INTAKE',
    );
    expect(printed).toBe(gql(`query ($x: Boolean!) { victim: client(id: "FJC-000001") {
      name: displayName oneroof_withheld_0: __typename @include(if: $x) } }`));
    expect(removed.map((r) => r.path.map((s) => s.key))).toEqual([['victim', 'home']]);
  });

  it('reports a named fragment\'s field at every place the fragment is spread', () => {
    const { printed, removed } = filter(
      `{ client(id: "FJC-000001") { ...Reach } clients(ids: ["FJC-000002"]) { ...Reach } }
       fragment Reach on Client { displayName phone }`,
      ['FRONT_DESK'], 'INTAKE',
    );
    expect(printed).toBe(gql(`{ client(id: "FJC-000001") { ...Reach } clients(ids: ["FJC-000002"]) { ...Reach } }
      fragment Reach on Client { displayName oneroof_withheld_0: __typename }`));
    expect(removed.map((r) => [r.path, r.placeholder])).toEqual([
      [[seg('client', 'Client'), seg('phone', 'String')], 'oneroof_withheld_0'],
      [[seg('clients', '[Client]!'), seg('phone', 'String')], 'oneroof_withheld_0'],
    ]);
  });

  it('follows inline fragments, with and without a type condition', () => {
    const { removed } = filter(
      `{ client(id: "FJC-000001") { ... on Client { email } ... { police { ... on PoliceFile { complianceChecks { compliant } } } } } }`,
      ['FRONT_DESK'], 'INTAKE',
    );
    expect(removed.map((r) => [r.path.map((s) => s.key), r.parentType])).toEqual([
      [['client', 'email'], 'Client'],
      [['client', 'police', 'complianceChecks'], 'PoliceFile'],
    ]);
  });

  it('keeps a selection set valid when every field in it is removed', () => {
    const { printed } = filter(`{ client(id: "FJC-000001") { mentalHealth { involved since } } }`, ['FRONT_DESK'], 'INTAKE');
    expect(printed).toBe(gql(`{ client(id: "FJC-000001") { mentalHealth { oneroof_withheld_0: __typename oneroof_withheld_1: __typename } } }`));
  });

  it('walks lists and nested entities: an emergency keeps safety data, not justice or health data', () => {
    const { printed, removed } = filter(
      `{ clients(ids: ["FJC-000001"]) { cases { case { riskLevel members { client { phone police { barringOrders { status } interventions { kind } } } } } } } }`,
      ['CASE_MANAGER'], 'EMERGENCY',
    );
    expect(printed).toBe(gql(`{ clients(ids: ["FJC-000001"]) { cases { case { riskLevel members { client {
      oneroof_withheld_0: __typename police { barringOrders { status } oneroof_withheld_1: __typename } } } } } } }`));
    const base = [seg('clients', '[Client]!'), seg('cases', '[CaseMembership!]'), seg('case', 'Case!'), seg('members', '[CaseMember!]'), seg('client', 'Client!')];
    expect(removed.map((r) => r.path)).toEqual([
      [...base, seg('phone', 'String')],
      [...base, seg('police', 'PoliceFile'), seg('interventions', '[PoliceIntervention!]')],
    ]);
  });

  it('drops the variables and fragments that only removed fields used', () => {
    const { printed } = filter(
      `query ($id: ID!, $full: Boolean!) { client(id: $id) { displayName address { ...Where street @include(if: $full) } } }
       fragment Where on Address { municipality }`,
      ['FRONT_DESK'], 'INTAKE',
    );
    expect(printed).toBe(gql(`query ($id: ID!) { client(id: $id) { displayName oneroof_withheld_0: __typename } }`));
  });

  it('filters every operation of a document and reports the selected one', () => {
    const { printed, removed } = filter(
      `query Reach { client(id: "FJC-000001") { phone } } query Name { client(id: "FJC-000001") { displayName email } }`,
      ['FRONT_DESK'], 'INTAKE', 'Name',
    );
    expect(printed).toBe(gql(`query Reach { client(id: "FJC-000001") { oneroof_withheld_0: __typename } }
      query Name { client(id: "FJC-000001") { displayName oneroof_withheld_1: __typename } }`));
    expect(removed.map((r) => r.path.map((s) => s.key))).toEqual([['client', 'email']]);
  });

  it.each<[Role, Purpose]>([
    ['COORDINATOR', 'CASE_MANAGEMENT'],
    ['AUDITOR', 'AUDIT'],
    ['CASE_MANAGER', 'STATISTICS'],
    ['CASE_MANAGER', 'AUDIT'],
  ])('leaves no person field in any operation of a %s with purpose %s', (role, purpose) => {
    expect(labelledIn(EVERYTHING).length).toBeGreaterThan(100);
    const { printed, removed } = filter(EVERYTHING, [role], purpose);
    expect(labelledIn(printed)).toEqual([]);
    expect(new Set(removed.map((r) => r.category))).toEqual(new Set(['IDENTITY', 'CONTACT', 'INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING', 'HEALTH']));
  });
});
