import fs from 'node:fs';
import {
  buildASTSchema,
  buildSchema,
  defaultFieldResolver,
  execute,
  executeSync,
  parse,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { filterOperation } from '../../gateway/fieldFilter';
import { readSensitiveFields, type SensitiveFields } from '../../gateway/sensitiveFields';
import { answerWithheld, type SingleResult } from '../../gateway/withheldResponse';
import { withheld } from '../../lib/errors';
import { ceilingOf } from '../../lib/policy/ceilings';
import { remedyFor } from '../../lib/policy/remedy';
import type { Category, Purpose, Role } from '../../lib/viewer';
import { SUPERGRAPH_FILE } from '../../schema/compose';

const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const supergraph = buildASTSchema(parse(sdl), { assumeValidSDL: true });
const labels = readSensitiveFields(sdl);

/** A small world to execute against: a victim known to the police and in mental-health care, and a child. */
const victim = {
  id: 'FJC-000001', displayName: 'Anna Peeters', phone: '+32 3 000 00 00',
  address: { street: 'Voorbeeldstraat 1', postalCode: '2000', municipality: 'Antwerpen' },
  police: { involved: true, since: '2025-01-02', interventions: [{ kind: 'PHYSICAL' }, { kind: 'STALKING' }], barringOrders: [{ status: 'ACTIVE' }] },
  mentalHealth: { involved: true, since: '2025-03-04', careEpisodes: [{ service: 'TRAUMA_CARE' }] },
};
const child = { ...victim, id: 'FJC-000003', displayName: 'Lotte Peeters', police: { involved: false, interventions: null, barringOrders: null }, mentalHealth: { involved: false } };
const openCase = { id: 'C1', reference: 'CO3/2026/00001', riskLevel: 'HIGH', members: [{ role: 'VICTIM', client: victim }, { role: 'CHILD', client: child }] };
const root = { client: () => victim, clients: () => [victim, null, child], case: () => openCase, cases: () => [openCase] };

function formatted(result: ExecutionResult): SingleResult {
  const errors = result.errors?.map(({ message, path, extensions }): GraphQLFormattedError => ({ message, path, extensions }));
  return { data: result.data as SingleResult['data'], ...(errors ? { errors } : {}) };
}

interface World {
  schema: GraphQLSchema;
  fields: SensitiveFields;
  rootValue: unknown;
}

/** What the gateway answers: filter, execute what is left, answer the removed fields. */
function viaGateway(query: string, roles: Role[], purpose: Purpose, world: World = { schema: supergraph, fields: labels, rootValue: root }): SingleResult {
  const { schema, fields, rootValue } = world;
  const { document, removed } = filterOperation(parse(query), schema, fields, ceilingOf(roles, purpose));
  const { data, errors } = executeSync({ schema, document, rootValue });
  expect(errors).toBeUndefined();
  return answerWithheld({ data: data as SingleResult['data'] }, removed, askerOf(roles, purpose));
}

const askerOf = (roles: Role[], purpose: Purpose) => ({ viewer: { sub: 'test', name: 'Test', agency: 'fjc' as const, roles }, purpose });

/**
 * What GraphQL itself answers when every field above the ceiling fails FORBIDDEN in its resolver.
 * Asynchronously, like a gateway: every field of an object runs, so each failing one is reported.
 */
async function oracle(query: string, roles: Role[], purpose: Purpose): Promise<SingleResult> {
  const ceiling = ceilingOf(roles, purpose);
  const resolve: GraphQLFieldResolver<unknown, unknown> = async (source, args, context, info) => {
    const label = labels.get(`${info.parentType.name}.${info.fieldName}`);
    if (label && !ceiling.has(label.category)) {
      throw withheld({ code: 'FORBIDDEN', ...label, reason: 'ABOVE_CEILING', remedy: remedyFor('FORBIDDEN', askerOf(roles, purpose).viewer, purpose, label.category) });
    }
    return defaultFieldResolver(source, args, context, info);
  };
  return formatted(await execute({ schema: supergraph, document: parse(query), rootValue: root, fieldResolver: resolve }));
}

/** The error of a removed field; the remedy as tests/unit/remedy.test.ts pins it down, for the viewer's roles and purpose. */
const forbidden = (path: (string | number)[], category: Category, agency: string, roles: Role[] = ['FRONT_DESK'], purpose: Purpose = 'INTAKE') => ({
  message: 'This field is withheld.', path,
  extensions: { code: 'FORBIDDEN', category, agency, reason: 'ABOVE_CEILING', remedy: remedyFor('FORBIDDEN', askerOf(roles, purpose).viewer, purpose, category) },
});
const byPath = (errors: readonly GraphQLFormattedError[] = []) => [...errors].sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

describe('answering removed fields', () => {
  it('answers a front desk view with null and FORBIDDEN exactly where the removed fields were', () => {
    const query = `{ client(id: "FJC-000001") { displayName address { street } police { involved interventions { kind } } } }`;
    const answer = viaGateway(query, ['FRONT_DESK'], 'INTAKE');
    expect(answer).toEqual({
      data: { client: { displayName: 'Anna Peeters', address: null, police: { involved: true, interventions: null } } },
      errors: [forbidden(['client', 'address'], 'CONTACT', 'fjc'), forbidden(['client', 'police', 'interventions'], 'JUSTICE', 'police')],
    });
    // The client's key order, as GraphQL gives it.
    expect(JSON.stringify(answer.data)).toBe(JSON.stringify(formatted(executeSync({ schema: supergraph, document: parse(query), rootValue: root })).data).replace(/"address":\{[^}]*\}/, '"address":null').replace(/"interventions":\[[^\]]*\]/, '"interventions":null'));
  });

  it('expands list indices and nulls the parent of a removed non-null field', () => {
    const answer = viaGateway(`{ clients(ids: ["a", "b", "c"]) { displayName mentalHealth { involved } } }`, ['FRONT_DESK'], 'INTAKE');
    expect(answer).toEqual({
      data: { clients: [{ displayName: 'Anna Peeters', mentalHealth: null }, null, { displayName: 'Lotte Peeters', mentalHealth: null }] },
      errors: [forbidden(['clients', 0, 'mentalHealth', 'involved'], 'HEALTH', 'mental-health'), forbidden(['clients', 2, 'mentalHealth', 'involved'], 'HEALTH', 'mental-health')],
    });
  });

  it('propagates null up through non-null list items to the whole data, as GraphQL does', () => {
    expect(viaGateway(`{ cases { reference } }`, ['COORDINATOR'], 'STATISTICS')).toEqual({
      data: null, errors: [forbidden(['cases', 0, 'reference'], 'INVOLVEMENT', 'fjc', ['COORDINATOR'], 'STATISTICS')],
    });
  });

  it('reports a removed field beside the error of a sibling that nulled their object', () => {
    const result = { data: { client: { police: null } }, errors: [{ message: 'This field is withheld.', path: ['client', 'police', 'involved'] }] };
    const { removed } = filterOperation(parse(`{ client(id: "x") { police { involved interventions { kind } } } }`), supergraph, labels, ceilingOf(['FRONT_DESK'], 'INTAKE'));
    expect(answerWithheld(result, removed, askerOf(['FRONT_DESK'], 'INTAKE'))).toEqual({
      data: { client: { police: null } },
      errors: [...result.errors, forbidden(['client', 'police', 'interventions'], 'JUSTICE', 'police')],
    });
  });

  it.each<[string, Role, Purpose]>([
    ['aliases and a fragment spread twice', 'FRONT_DESK', 'INTAKE'],
    ['nested lists of entities in an emergency', 'CASE_MANAGER', 'EMERGENCY'],
    ['a coordinator\'s statistics', 'COORDINATOR', 'STATISTICS'],
    ['an auditor\'s audit', 'AUDITOR', 'AUDIT'],
    ['a case manager\'s case management', 'CASE_MANAGER', 'CASE_MANAGEMENT'],
  ])('answers %s exactly as GraphQL would if each removed field failed', async (_name, role, purpose) => {
    const query = `{
      victim: client(id: "FJC-000001") { ...Person home: address { street } police { since barringOrders { status } interventions { kind } } }
      clients(ids: ["a", "b", "c"]) { ...Person mentalHealth { involved careEpisodes { service } } }
      case(id: "C1") { reference riskLevel members { role client { ...Person phone } } }
    }
    fragment Person on Client { id displayName police { involved } }`;
    const expected = await oracle(query, [role], purpose);
    const answer = viaGateway(query, [role], purpose);
    expect(answer.data).toEqual(expected.data);
    expect(byPath(answer.errors)).toEqual(byPath(expected.errors));
  });

  it('answers through an interface only for the implementations whose field is withheld', () => {
    const schema = buildSchema(`interface Record { note: String } type A implements Record { note: String } type B implements Record { note: String } type Query { records: [Record!]! }`);
    const fields: SensitiveFields = new Map([['A.note', { category: 'HEALTH', agency: 'mental-health' }]]);
    const rootValue = { records: [{ __typename: 'A', note: 'a' }, { __typename: 'B', note: 'b' }] };
    expect(viaGateway(`{ records { note ... on B { note } } }`, ['FRONT_DESK'], 'INTAKE', { schema, fields, rootValue })).toEqual({
      data: { records: [{ note: null }, { note: 'b' }] },
      errors: [forbidden(['records', 0, 'note'], 'HEALTH', 'mental-health')],
    });
  });
});
