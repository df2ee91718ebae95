import { composeServices } from '@apollo/composition';
import { parse, type FieldDefinitionNode } from 'graphql';
import { referenceSubgraphs } from '../references';
import { argument, categoryOf, directive, fileFields, ownFieldOf, readSdl, shapeOf, unwrap, categoriesIn, type SdlModel } from '../sdl';
import type { Suite } from '../suite';

const FEDERATION_2 = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/;
const ROOTS = ['Query', 'Mutation', 'Subscription'];

function linked(model: SdlModel, url: string, imported: string): boolean {
  return model.schemaDirectives.some((d) => d.name.value === 'link' && argument(d, 'url') === url && JSON.stringify(d.arguments).includes(`"${imported}"`))
    && model.schemaDirectives.some((d) => (d.name.value === 'composeDirective' || d.name.value === 'federation__composeDirective') && argument(d, 'name') === imported);
}

const typeMarked = (model: SdlModel, name: string, marker: string) => model.objects.get(name)?.directives.some((d) => d.name.value === marker) ?? false;

/** Leaf fields of person-data types without a valid label (AP-SDL-4). */
function unlabelled(model: SdlModel): string[] {
  const missing: string[] = [];
  for (const [name, type] of model.objects) {
    if (ROOTS.includes(name) || name.startsWith('_') || typeMarked(model, name, 'auditRecord') || typeMarked(model, name, 'aggregate')) continue;
    for (const field of type.fields) {
      const { named } = unwrap(field.type);
      if (!model.leaves.has(named) || directive(field, 'external') || directive(field, 'inaccessible')) continue;
      if (field.name.value === 'id' && named === 'ID') continue;
      const category = categoryOf(field);
      if (category === null || category === 'INVALID') missing.push(`${name}.${field.name.value}${category === 'INVALID' ? ' (unknown category)' : ''}`);
    }
  }
  return missing;
}

const fieldNamed = (model: SdlModel, type: string, name: string): FieldDefinitionNode | undefined => model.objects.get(type)?.fields.find((f) => f.name.value === name);
const typeText = (field: FieldDefinitionNode | undefined) => (field ? unwrap(field.type) : undefined);

function checkClient(suite: Suite, model: SdlModel): void {
  const client = model.objects.get('Client');
  const key = client?.directives.find((d) => d.name.value === 'key' || d.name.value === 'federation__key');
  const id = typeText(fieldNamed(model, 'Client', 'id'));
  suite.check('AP-SDL-3', 'Client @key(fields: "id") with id: ID!', argument(key, 'fields') === 'id' && id?.named === 'ID' && id.nonNull, `key ${String(argument(key, 'fields'))}, id ${JSON.stringify(id)}`);
  const assertion = fieldNamed(model, 'Client', 'accessAssertion');
  if (suite.hub) {
    suite.check('AP-SDL-3', 'Client.accessAssertion: String @inaccessible (the FJC mints it)', typeText(assertion)?.named === 'String' && !!assertion && !!directive(assertion, 'inaccessible'));
    return;
  }
  suite.check('AP-SDL-3', 'Client.accessAssertion: String @external', typeText(assertion)?.named === 'String' && !!assertion && !!directive(assertion, 'external'));
  const files = fileFields(model);
  if (!suite.check('AP-SDL-3', 'exactly one file field @requires(fields: "accessAssertion")', files.length === 1, `found ${files.length}`)) return;
  const fileType = unwrap(files[0]!.type).named;
  const involved = fieldNamed(model, fileType, 'involved');
  const involvedCategory = involved ? categoryOf(involved) : null;
  suite.check('AP-SDL-3', `${fileType}.involved: Boolean! labelled INVOLVEMENT or HEALTH`,
    typeText(involved)?.named === 'Boolean' && typeText(involved)!.nonNull && (involvedCategory === 'INVOLVEMENT' || involvedCategory === 'HEALTH'), `involved ${JSON.stringify(typeText(involved))} ${String(involvedCategory)}`);
}

function checkAudit(suite: Suite, model: SdlModel): void {
  const report = ownFieldOf(model, 'DisclosureReport', ['clientId', 'auditAccess']);
  const queue = ownFieldOf(model, 'DisclosureReviewQueue', ['scope']);
  const keyOf = (type: string) => argument(model.objects.get(type)?.directives.find((d) => d.name.value === 'key' || d.name.value === 'federation__key'), 'fields');
  suite.check('AP-SDL-5', 'DisclosureReport @key(fields: "clientId") @auditRecord with one list of the agency', !!report && keyOf('DisclosureReport') === 'clientId' && typeMarked(model, 'DisclosureReport', 'auditRecord') && typeText(report)?.named === 'Disclosure' && typeText(report)!.list);
  suite.check('AP-SDL-5', 'DisclosureReviewQueue @key(fields: "scope") with the same list', !!queue && keyOf('DisclosureReviewQueue') === 'scope' && queue.name.value === report?.name.value);
  if (!suite.hub) {
    const access = fieldNamed(model, 'DisclosureReport', 'auditAccess');
    suite.check('AP-SDL-5', 'auditAccess @external, the list @requires(fields: "auditAccess")', !!access && !!directive(access, 'external') && argument(directive(report ?? ({} as FieldDefinitionNode), 'requires'), 'fields') === 'auditAccess');
  }
  const name = report ? `review${report.name.value[0]!.toUpperCase()}${report.name.value.slice(1)}Disclosure` : '(none)';
  const mutation = fieldNamed(model, 'Mutation', name);
  const args = (mutation?.arguments ?? []).map((a) => `${a.name.value}:${unwrap(a.type).named}`).join(',');
  suite.check('AP-SDL-5', `Mutation.${name}(seq: Int!, justified: Boolean!, note: String!)`, args === 'seq:Int,justified:Boolean,note:String', `arguments ${args}`);
  suite.check('AP-SDL-5', '@auditRecord linked and composed', linked(model, 'https://oneroof.dev/audit/v1.0', '@auditRecord'));
}

function checkStatistics(suite: Suite, model: SdlModel): void {
  const own = ownFieldOf(model, 'Statistics', ['from', 'to', 'granularity']);
  const key = argument(model.objects.get('Statistics')?.directives.find((d) => d.name.value === 'key' || d.name.value === 'federation__key'), 'fields');
  suite.check('AP-SDL-6', 'Statistics @key(fields: "from to granularity") with one field of the agency', !!own && key === 'from to granularity');
  const figuresType = own ? unwrap(own.type).named : '';
  const figures = model.objects.get(figuresType)?.fields ?? [];
  const bad = figures.filter((f) => unwrap(f.type).named !== 'StatSeries' || !unwrap(f.type).nonNull || categoryOf(f) !== null).map((f) => f.name.value);
  suite.check('AP-SDL-6', `${figuresType || 'figures'} is @aggregate and holds StatSeries only`, typeMarked(model, figuresType, 'aggregate') && figures.length > 0 && bad.length === 0, `not StatSeries: ${bad.join(', ')}`);
  suite.check('AP-SDL-6', '@aggregate linked and composed', linked(model, 'https://oneroof.dev/statistics/v1.0', '@aggregate'));
}

/** Reads the agency's part of `Client` for the release checks. */
function partOf(suite: Suite, model: SdlModel): void {
  if (suite.hub) {
    const shapes = shapeOf(model, 'Client', { depth: 1, keep: (field) => categoryOf(field) !== null && !unwrap(field.type).list });
    suite.part = { shapes, fileField: null, categories: categoriesIn(shapes), involvedCategory: null };
    return;
  }
  const file = fileFields(model)[0];
  if (!file) return;
  const children = shapeOf(model, unwrap(file.type).named);
  const involved = children.find((s) => s.name === 'involved');
  if (!involved?.category) return;
  const shapes = [{ name: file.name.value, coordinate: `Client.${file.name.value}`, category: null, nonNull: false, list: false, children }];
  suite.part = { shapes, fileField: file.name.value, categories: categoriesIn(children), involvedCategory: involved.category };
}

/** AP-SDL-1 to AP-SDL-6: the SDL the subgraph serves, read and composed with the reference subgraphs. */
export async function checkSchema(suite: Suite): Promise<void> {
  const answer = await suite.transport.send({ query: '{ _service { sdl } }', viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT' });
  const sdl = (answer.body?.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (!suite.check('AP-SDL-1', '_service { sdl } answers', typeof sdl === 'string', `HTTP ${answer.status}`)) return;
  let model: SdlModel;
  try {
    model = readSdl(sdl as string);
  } catch (error) {
    suite.check('AP-SDL-1', 'the SDL parses', false, (error as Error).message);
    return;
  }
  suite.sdl = model;
  suite.check('AP-SDL-1', 'Federation 2 @link', model.schemaDirectives.some((d) => d.name.value === 'link' && FEDERATION_2.test(String(argument(d, 'url')))));
  const references = suite.options.references ?? referenceSubgraphs(suite.options.agency);
  const composed = composeServices([
    ...Object.entries(references).map(([name, text]) => ({ name, typeDefs: parse(text), url: `http://${name}.invalid/graphql` })),
    { name: suite.options.agency, typeDefs: model.document, url: suite.options.url },
  ]);
  suite.check('AP-SDL-2', `composes with ${Object.keys(references).length} reference subgraphs`, !composed.errors, composed.errors?.map((e) => e.message).join(' | '));
  checkClient(suite, model);
  const missing = unlabelled(model);
  suite.check('AP-SDL-4', 'every leaf field of person data has @sensitive(category:)', missing.length === 0, `unlabelled: ${missing.join(', ')}`);
  suite.check('AP-SDL-4', '@sensitive linked and composed', linked(model, 'https://oneroof.dev/sensitive/v1.0', '@sensitive'));
  checkAudit(suite, model);
  checkStatistics(suite, model);
  partOf(suite, model);
}
