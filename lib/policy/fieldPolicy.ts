import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  responsePathAsArray,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { AgencyId } from '../agencies';
import { withheld, type WithheldDetails } from '../errors';
import { ceilingOf } from './ceilings';
import { decide, type Basis, type Decision } from './decide';
import { remedyFor } from './remedy';
import type { Category, RequestContext } from '../viewer';
import type { AccessControl } from './access';

/** The client a value belongs to, carried down the result tree on shallow copies. */
const CLIENT = Symbol('oneroof.client');
/** A basis a resolver established itself for a value that belongs to no single client. */
const GRANTED = Symbol('oneroof.granted');
type Tagged = Record<string | symbol, unknown> & { [CLIENT]?: string; [GRANTED]?: Basis };
interface Tags {
  client: string | undefined;
  granted: Basis | undefined;
}

/**
 * Marks a value (or a list of values) whose access a resolver has established itself, e.g. a
 * security conference read by one of its registered participants: its labelled fields, and those
 * below it, are permitted on `basis` within the viewer's ceilings. Clients reached from it are
 * still decided for themselves.
 * @param clientId - the client the value is about, when it is about one: its disclosures are
 *   recorded under that client (a value reached from a mutation carries none otherwise).
 */
export function grantedBy<T>(value: T, basis: Basis, clientId?: string): T {
  if (Array.isArray(value)) return value.map((item) => grantedBy(item, basis, clientId)) as T;
  if (value === null || typeof value !== 'object') return value;
  return { ...(value as Tagged), [GRANTED]: basis, ...(clientId === undefined ? {} : { [CLIENT]: clientId }) } as T;
}

/** Marks a resolver whose entries are each decided for their own owner (`decidedPerEntry`). */
const PER_ENTRY = Symbol('oneroof.perEntry');

/**
 * Marks a list field whose entries are each another owner's fact: the reference directory, where
 * each entry is that agency's `involved`. The field itself is decided on the ceiling alone; the
 * resolver decides every entry with `decide()` for the entry's owner and category, returns the
 * permitted ones `grantedBy` their basis, notes each in the ledger, and leaves the others out (an
 * error would say that the entry exists). One fact, one decision: an entry is shown exactly when
 * its owner would release the same fact to the same request.
 */
export function decidedPerEntry<R extends GraphQLFieldResolver<never, never>>(resolve: R): R {
  Object.defineProperty(resolve, PER_ENTRY, { value: true });
  return resolve;
}

const isDecidedPerEntry = (resolve: unknown): boolean => typeof resolve === 'function' && PER_ENTRY in resolve;

interface PolicyContext extends RequestContext {
  access: AccessControl;
}

/** Reads `@sensitive(category:)` from a field's SDL. */
export function categoryOf(field: GraphQLField<unknown, unknown>): Category | null {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'sensitive');
  const argument = directive?.arguments?.find((a) => a.name.value === 'category');
  return argument && argument.value.kind === 'EnumValue' ? (argument.value.value as Category) : null;
}

function tagsOf(source: unknown, typeName: string): Tags {
  const value = source as Tagged | null;
  if (!value) return { client: undefined, granted: undefined };
  if (typeName === 'Client' && typeof value.id === 'string') return { client: value.id, granted: undefined };
  return { client: value[CLIENT], granted: value[GRANTED] };
}

function tag(value: unknown, tags: Tags, returnsClient: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => tag(item, tags, returnsClient));
  if (value === null || typeof value !== 'object' || returnsClient) return value;
  if (tags.client === undefined && tags.granted === undefined) return value;
  const copy: Tagged = { ...(value as Tagged) };
  if (tags.client !== undefined) copy[CLIENT] = tags.client;
  if (tags.granted !== undefined && copy[GRANTED] === undefined) copy[GRANTED] = tags.granted;
  return copy;
}

/**
 * Decides one category of one client for this request, once: every later field of the same
 * client and category reuses the decision. The viewer's own agency (rule 1) and the ceilings need
 * no bases; everything else waits for the client's bases (assertion or registry).
 */
function decideFor(context: PolicyContext, owner: AgencyId, clientId: string | undefined, category: Category): Decision | Promise<Decision> {
  const { decisions } = context.access;
  const client = clientId ?? '';
  let byCategory = decisions.get(client);
  const known = byCategory?.get(category);
  if (known) return known;
  if (!byCategory) decisions.set(client, (byCategory = new Map()));
  const local = decide({ viewer: context.viewer, purpose: context.purpose, owner, category, bases: null });
  if (local.permit || local.code !== 'CONSENT_REQUIRED' || clientId === undefined) {
    byCategory.set(category, local);
    return local;
  }
  const decided = byCategory;
  return context.access.basesOf(clientId).then((bases) => {
    const decision = decide({ viewer: context.viewer, purpose: context.purpose, owner, category, bases });
    decided.set(category, decision);
    return decision;
  });
}

function grantedDecision(context: PolicyContext, category: Category, basis: Basis): Decision {
  return ceilingOf(context.viewer.roles, context.purpose).has(category)
    ? { permit: true, basis }
    : { permit: false, code: 'FORBIDDEN', reason: 'ABOVE_CEILING' };
}

/** A list decided per entry: within the ceiling it resolves (its entries are decided one by one). */
function withinCeiling(context: PolicyContext, category: Category): Decision {
  return grantedDecision(context, category, 'OWN_RECORD');
}

/** One labelled field as `applyFieldPolicy` wraps it: what is decided and how it resolves. */
interface PolicedField {
  owner: AgencyId;
  category: Category;
  /** `Type.field`, as the ledger names it. */
  name: string;
  resolve: GraphQLFieldResolver<unknown, PolicyContext>;
  returnsClient: boolean;
}

/** Runs a field's own resolver and carries the client (and a granted basis) down to what it returns. */
function resolveTagged(
  resolve: GraphQLFieldResolver<unknown, PolicyContext>, returnsClient: boolean, tags: Tags,
  source: unknown, args: Record<string, unknown>, context: PolicyContext, info: GraphQLResolveInfo,
): unknown {
  const value = resolve(source, args, context, info);
  return value instanceof Promise ? value.then((v) => tag(v, tags, returnsClient)) : tag(value, tags, returnsClient);
}

/**
 * What a refusal says, worked out once per decision: a request's decision for one client and
 * category (`decideFor`) refuses every field of that category, each with the same details.
 */
const DETAILS = new WeakMap<Decision, { context: PolicyContext; field: PolicedField; details: WithheldDetails }>();
function withheldDetails(field: PolicedField, decision: Extract<Decision, { permit: false }>, context: PolicyContext): WithheldDetails {
  const known = DETAILS.get(decision);
  // The remedy is the request's (viewer, purpose) and the field's (category, owner): reused only for the same.
  if (known && known.context === context && known.field.category === field.category && known.field.owner === field.owner) return known.details;
  const remedy = remedyFor(decision.code, context.viewer, context.purpose, field.category);
  const details: WithheldDetails = { code: decision.code, category: field.category, agency: field.owner, reason: decision.reason, remedy };
  DETAILS.set(decision, { context, field, details });
  return details;
}

/**
 * Applies one decision to one field: noted in the ledger (unless its entries note themselves),
 * then resolved, or withheld with the error of docs/interface.md without its resolver running.
 */
function enforce(
  field: PolicedField, decision: Decision, noted: boolean, tags: Tags,
  source: unknown, args: Record<string, unknown>, context: PolicyContext, info: GraphQLResolveInfo,
): unknown {
  if (noted) context.access.note(tags.client, field.name, field.category, decision);
  if (!decision.permit) throw withheld(withheldDetails(field, decision, context), { nodes: info.fieldNodes, path: responsePathAsArray(info.path) });
  return resolveTagged(field.resolve, field.returnsClient, tags, source, args, context, info);
}

/**
 * Wraps every field of the subgraph's object types: a field labelled `@sensitive` resolves only
 * when the policy permits its category for the client it belongs to, otherwise it is `null` with
 * the error of docs/interface.md (Withheld fields) and its resolver never runs, so withheld data never leaves the store.
 * Objects below a client inherit the client, so nested fields are decided for the right person;
 * a value reached without a client (e.g. a case looked up by id) is decided on rule 1 alone.
 * The wrappers allocate no closures per call: they run for every field of every client.
 */
export function applyFieldPolicy(schema: GraphQLSchema, owner: AgencyId): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_') || type === schema.getQueryType() || type === schema.getMutationType()) continue;
    for (const field of Object.values(type.getFields())) {
      const category = categoryOf(field);
      const returnsClient = getNamedType(field.type).name === 'Client';
      const resolve: GraphQLFieldResolver<unknown, PolicyContext> = field.resolve ?? defaultFieldResolver;
      const perEntry = isDecidedPerEntry(field.resolve);
      const typeName = type.name;
      if (!category) {
        field.resolve = (source, args, context, info) => resolveTagged(resolve, returnsClient, tagsOf(source, typeName), source, args, context, info);
        continue;
      }
      const policed: PolicedField = { owner, category, name: `${typeName}.${field.name}`, resolve, returnsClient };
      field.resolve = (source, args, context: PolicyContext, info) => {
        const tags = tagsOf(source, typeName);
        // The entries decide and note themselves; the list is only bounded by the ceiling.
        if (perEntry) return enforce(policed, withinCeiling(context, category), false, tags, source, args, context, info);
        const decision = tags.granted ? grantedDecision(context, category, tags.granted) : decideFor(context, owner, tags.client, category);
        return decision instanceof Promise
          ? decision.then((decided) => enforce(policed, decided, true, tags, source, args, context, info))
          : enforce(policed, decision, true, tags, source, args, context, info);
      };
    }
  }
}
