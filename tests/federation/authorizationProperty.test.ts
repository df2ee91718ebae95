import fc from 'fast-check';
import { AGENCIES, INVOLVED_CATEGORY, type AgencyId } from '../../lib/agencies';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { ceilingOf } from '../../lib/policy/ceilings';
import { decide, type ClientBases, type Decision } from '../../lib/policy/decide';
import { type WorldCase } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { CATEGORIES, PURPOSES, ROLES, type Category, type Purpose, type Role, type Viewer } from '../../lib/viewer';
import { completeField, firstDifference, type ExpectedError } from '../helpers/expectedView';
import { hoursFromNow } from '../helpers/fjcRecords';
import type { GraphQLResponse } from '../helpers/graphql';
import { clientViewFields, type LabelledField } from '../helpers/labelledFields';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * A randomized property over the whole unified client view: whatever the viewer (agency, roles),
 * purpose, legal bases (consents recorded, pending and revoked; an open, a closed and a scheduled
 * security conference) and selection of labelled fields, every field of the response is what an
 * oracle built here says: `decide()` fed with bases this test derives from what IT set up and from
 * the generated world, never from the FJC's registry code (`findClientBases`). A withheld field is
 * null with the decision's error at its path; a permitted one equals what the owning agency's own
 * staff see (rule 1).
 *
 * Size: one in-process federation of 72 clients for the file; 400 requests by default, each asking one to three
 * clients (now and then one twice) for a random part of the ~190 labelled fields, a few under an
 * alias: some 17,000 (client, field) checks in 10 to 15 seconds.
 *
 * Reproduce a failure: the test name and fast-check's report give the seed (and the failing run's
 * path). Rerun with the same seed, which also regenerates the same consents and conferences:
 *   ONEROOF_PROPERTY_SEED=<seed> npx jest tests/federation/authorizationProperty.test.ts
 * add ONEROOF_PROPERTY_PATH=<path> to replay the failing run first, ONEROOF_PROPERTY_RUNS=<n> to
 * change the number of requests (default 400).
 */
const SEED = Number(process.env.ONEROOF_PROPERTY_SEED ?? 20261122);
const RUNS = Number(process.env.ONEROOF_PROPERTY_RUNS ?? 400);
const PATH = process.env.ONEROOF_PROPERTY_PATH;
/** The stack's dataset; the test regenerates the same world to know cases, roles and links. */
const WORLD = { clients: 72, seed: 11 };

const world = generateWorld(WORLD);
/** The reference directory is decided entry by entry, each for its own agency (docs/authorization.md). */
const FIELDS = clientViewFields().map((field) => (field.name === 'agencyLinks' ? { ...field, perEntry: true } : field));
const ALL_IDS = world.clients.map((c) => c.id);
/** Staff ids viewers and participants are drawn from: three per agency, so some take part and some do not. */
const STAFF = AGENCIES.flatMap((agency) => [1, 2, 3].map((n) => ({ sub: `${agency}-staff-${n}`, agency })));
const MANAGER: DevTokenClaims = { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] };
const UNKNOWN_CONFERENCE = 'CONF-999999';

// ---------------------------------------------------------------------------------------------
// What the test sets up, generated from the seed

interface PlannedConsent {
  clientId: string;
  grantee: AgencyId;
  categories: Category[];
  purposes: Purpose[];
  /** Starts in an hour: recorded, not yet a basis. */
  pending: boolean;
  revoked: boolean;
}

interface PlannedConference {
  caseId: string;
  participants: { staffId: string; agency: AgencyId }[];
}

interface Plan {
  consents: PlannedConsent[];
  open: PlannedConference;
  closed: PlannedConference;
  scheduled: PlannedConference;
}

const openCases = world.cases.filter((c) => c.status === 'OPEN' && c.members.length >= 2);

const participantsArb = fc
  .uniqueArray(fc.constantFrom(...STAFF), { minLength: 3, maxLength: 10, selector: (s) => s.sub })
  .chain((staff) =>
    fc.tuple(...staff.map((s) => fc.oneof({ weight: 9, arbitrary: fc.constant(s.agency) }, { weight: 1, arbitrary: fc.constantFrom(...AGENCIES) })))
      .map((agencies) => staff.map((s, i) => ({ staffId: s.sub, agency: agencies[i] }))),
  );

const planArb: fc.Arbitrary<Plan> = fc
  .shuffledSubarray(openCases, { minLength: 3, maxLength: 3 })
  .chain(([open, closed, scheduled]) => {
    const members = open.members.map((m) => m.clientId);
    const consentArb = fc.record({
      clientId: fc.oneof(fc.constantFrom(...members), fc.constantFrom(...ALL_IDS)),
      grantee: fc.constantFrom(...AGENCIES),
      categories: fc.subarray([...CATEGORIES], { minLength: 1 }),
      purposes: fc.subarray([...PURPOSES], { minLength: 1 }),
      pending: fc.integer({ min: 0, max: 99 }).map((n) => n < 15),
      revoked: fc.integer({ min: 0, max: 99 }).map((n) => n < 25),
    });
    return fc.record({
      consents: fc.array(consentArb, { minLength: 14, maxLength: 22 }),
      open: participantsArb.map((participants) => ({ caseId: open.id, participants })),
      closed: participantsArb.map((participants) => ({ caseId: closed.id, participants })),
      scheduled: participantsArb.map((participants) => ({ caseId: scheduled.id, participants })),
    });
  });

// ---------------------------------------------------------------------------------------------
// The oracle's knowledge: bases derived from the plan as carried out and from the world

interface KnownConsent {
  clientId: string;
  grantee: string;
  categories: readonly string[];
  purposes: readonly string[];
  validFrom: number;
  validUntil: number;
  revoked: boolean;
}

interface Knowledge {
  consents: KnownConsent[];
  conferences: { open: string; closed: string; scheduled: string };
  plan: Plan;
}

const linked = new Set(world.involvements.map((i) => `${i.agency}/${i.clientId}`));
const protectedClients = new Set(world.cases.flatMap((c) => c.members.filter((m) => m.role === 'VICTIM' || m.role === 'CHILD').map((m) => m.clientId)));
const caseOf = new Map<string, WorldCase>(world.cases.map((c) => [c.id, c]));

interface Ask {
  viewer: Viewer;
  purpose: Purpose;
  conferenceId?: string;
  emergencyReason?: string;
}

function basesOf(known: Knowledge, ask: Ask, clientId: string): ClientBases {
  const now = Date.now();
  const { agency, sub } = ask.viewer;
  const consent = new Set<Category>();
  for (const c of known.consents) {
    if (c.clientId !== clientId || c.grantee !== agency || c.revoked || c.validFrom > now || c.validUntil <= now) continue;
    if (c.purposes.includes(ask.purpose)) for (const category of c.categories) consent.add(category as Category);
  }
  const open = known.plan.open;
  const inConference =
    ask.purpose === 'SECURITY_CONFERENCE' &&
    ask.conferenceId === known.conferences.open &&
    open.participants.some((p) => p.staffId === sub && p.agency === agency) &&
    caseOf.get(open.caseId)!.members.some((m) => m.clientId === clientId);
  return {
    consent: [...consent].sort(),
    conference: inConference ? known.conferences.open : null,
    emergency: ask.purpose === 'EMERGENCY' && Boolean(ask.emergencyReason),
    // The FJC's own registration is its link to every client it registered.
    jointClient: agency === 'fjc' || linked.has(`${agency}/${clientId}`),
    protectedContact: protectedClients.has(clientId),
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

/** Now and then a field is asked under an alias: withheld errors must carry the response key. */
const aliasArb = (field: LabelledField) =>
  fc.integer({ min: 0, max: 19 }).map((n) => (n === 0 ? { ...field, alias: `as_${field.name}` } : field));

/** A field with a random non-empty part of its sub-fields selected. */
function selectionArb(field: LabelledField): fc.Arbitrary<LabelledField> {
  if (!field.children) return aliasArb(field);
  return fc
    .subarray(field.children, { minLength: 1 })
    .chain((children) => fc.tuple(...children.map(selectionArb)))
    .chain((children) => aliasArb({ ...field, children }));
}

function selectionText(fields: readonly LabelledField[]): string {
  const name = (f: LabelledField) => (f.alias ? `${f.alias}: ${f.name}` : f.name);
  return fields.map((f) => (f.children ? `${name(f)} { ${selectionText(f.children)} }` : name(f))).join(' ');
}

const rolesArb: fc.Arbitrary<Role[]> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Role[]>(['AGENCY_STAFF'], ['CASE_MANAGER'], ['FRONT_DESK']) },
  { weight: 1, arbitrary: fc.constantFrom<Role[]>(['COORDINATOR'], ['AUDITOR']) },
  { weight: 3, arbitrary: fc.subarray([...ROLES], { minLength: 2 }) },
);

const purposeArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Purpose>('CASE_MANAGEMENT') },
  { weight: 4, arbitrary: fc.constant<Purpose>('SECURITY_CONFERENCE') },
  { weight: 2, arbitrary: fc.constant<Purpose>('EMERGENCY') },
  { weight: 2, arbitrary: fc.constant<Purpose>('INTAKE') },
  { weight: 1, arbitrary: fc.constantFrom<Purpose>('STATISTICS', 'AUDIT') },
);

const reasonArb = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ,.'.split('')), { minLength: 10, maxLength: 80 })
  .map((chars) => `Danger: ${chars.join('')}`);

interface Case extends Ask {
  clientIds: string[];
  fields: LabelledField[];
}

/**
 * One request. Most are drawn at random; some aim at a consent the test recorded (its grantee, one
 * of its purposes, its client) or at the open conference (a participant, a member of its case), so
 * that every basis is exercised often, whichever plan the seed produced.
 */
function caseArb(focus: readonly string[], known: Knowledge): fc.Arbitrary<Case> {
  const { conferences, plan } = known;
  const staffOf = (agency: AgencyId) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => ({ agency, sub: `${agency}-staff-${n}` })) },
      { weight: 1, arbitrary: fc.constantFrom(...STAFF).map((s) => ({ agency, sub: s.sub })) },
    );
  const anyClient = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...focus) }, { weight: 1, arbitrary: fc.constantFrom(...ALL_IDS) });
  // One to three ids; now and then the same one twice, as a client application may ask.
  const clientsArb = (first: fc.Arbitrary<string>) => fc.tuple(first, fc.array(anyClient, { maxLength: 2 })).map(([id, others]) => [id, ...others]);
  const aimArb = fc.oneof(
    { weight: 3, arbitrary: fc.record({ staff: fc.constantFrom(...AGENCIES).chain(staffOf), purpose: purposeArb, clientIds: clientsArb(anyClient) }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...plan.consents).chain((consent) =>
        fc.record({ staff: staffOf(consent.grantee), purpose: fc.constantFrom(...consent.purposes), clientIds: clientsArb(fc.constant(consent.clientId)) }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        staff: fc.constantFrom(...plan.open.participants).map((p) => ({ agency: p.agency, sub: p.staffId })),
        purpose: fc.constant<Purpose>('SECURITY_CONFERENCE'),
        clientIds: clientsArb(fc.constantFrom(...caseOf.get(plan.open.caseId)!.members.map((m) => m.clientId))),
      }),
    },
  );
  return fc
    .record({
      aim: aimArb,
      roles: rolesArb,
      conferenceId: fc.oneof(
        { weight: 7, arbitrary: fc.constant(conferences.open) },
        { weight: 1, arbitrary: fc.constantFrom(conferences.closed, conferences.scheduled, UNKNOWN_CONFERENCE) },
      ),
      emergencyReason: reasonArb,
      fields: fc.subarray(FIELDS, { minLength: 1 }).chain((fields) => fc.tuple(...fields.map(selectionArb))),
    })
    .map(({ aim: { staff, purpose, clientIds }, roles, conferenceId, emergencyReason, fields }) => ({
      viewer: { sub: staff.sub, name: staff.sub, agency: staff.agency, roles },
      purpose,
      conferenceId: purpose === 'SECURITY_CONFERENCE' ? conferenceId : undefined,
      emergencyReason: purpose === 'EMERGENCY' ? emergencyReason : undefined,
      clientIds,
      fields,
    }))
    .map((c) => Object.assign(c, { [fc.toStringMethod]: () => `${describeCase(c)} { ${selectionText(c.fields)} }` }));
}

function describeCase(c: Case): string {
  const { viewer, purpose, conferenceId, clientIds } = c;
  return `${viewer.sub}@${viewer.agency} [${viewer.roles.join('+')}] ${purpose}${conferenceId ? ` ${conferenceId}` : ''} clients ${clientIds.join(',')}`;
}

// ---------------------------------------------------------------------------------------------

describe('the unified client view against an independent oracle of the policy', () => {
  let stack: InProcessFederation;
  let known: Knowledge;
  let focus: string[];
  /** The owning agencies' own view of every client (rule 1): `Client` fields by client id. */
  const own = new Map<string, Record<string, unknown>>();
  const tokens = new Map<string, Promise<string>>();
  const tally = { requests: 0, checks: 0, permits: new Map<string, number>(), denials: new Map<string, number>() };

  const tokenOf = (claims: DevTokenClaims): Promise<string> => {
    const key = JSON.stringify([claims.sub, claims.agency, claims.roles]);
    if (!tokens.has(key)) tokens.set(key, stack.token(claims));
    return tokens.get(key)!;
  };

  async function send<T>(claims: DevTokenClaims, purpose: Purpose, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    return stack.post<T>(query, { token: await tokenOf(claims), purpose, variables, headers });
  }

  async function sendOk<T>(claims: DevTokenClaims, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await send<T>(claims, 'CASE_MANAGEMENT', query, variables);
    if (body.errors || !body.data) throw new Error(`setup request failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** The consents the seed put in the registry before this test: read once, through the API, as the FJC's own staff. */
  async function seededConsents(): Promise<KnownConsent[]> {
    const data = await sendOk<{ clients: { id: string; consents: { granteeAgency: string; categories: string[]; purposes: string[]; validFrom: string; validUntil: string; revokedAt: string | null }[] }[] }>(
      MANAGER,
      /* GraphQL */ `query ($ids: [ID!]!) { clients(ids: $ids) { id consents(includeInactive: true) { granteeAgency categories purposes validFrom validUntil revokedAt } } }`,
      { ids: ALL_IDS },
    );
    return data.clients.flatMap((client) =>
      client.consents.map((c) => ({
        clientId: client.id, grantee: c.granteeAgency, categories: c.categories, purposes: c.purposes,
        validFrom: Date.parse(c.validFrom), validUntil: Date.parse(c.validUntil), revoked: c.revokedAt !== null,
      })),
    );
  }

  async function carryOut(plan: Plan): Promise<Knowledge> {
    const consents = await seededConsents();
    for (const [i, c] of plan.consents.entries()) {
      const validFrom = hoursFromNow(c.pending ? 1 : -1);
      const validUntil = hoursFromNow(24);
      const { recordConsent } = await sendOk<{ recordConsent: { id: string } }>(MANAGER, /* GraphQL */ `
        mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
        input: { clientId: c.clientId, granteeAgency: c.grantee, categories: c.categories, purposes: c.purposes, validFrom, validUntil, evidenceReference: `FORM/PROP/${i}` },
      });
      if (c.revoked) {
        await sendOk(MANAGER, /* GraphQL */ `mutation ($id: ID!) { revokeConsent(id: $id, reason: "Withdrawn at the desk.") { id } }`, { id: recordConsent.id });
      }
      consents.push({ clientId: c.clientId, grantee: c.grantee, categories: c.categories, purposes: c.purposes, validFrom: Date.parse(validFrom), validUntil: Date.parse(validUntil), revoked: c.revoked });
    }
    const convene = async (conference: PlannedConference, startsIn: number) => {
      const data = await sendOk<{ conveneSecurityConference: { id: string } }>(MANAGER, /* GraphQL */ `
        mutation ($input: ConveneSecurityConferenceInput!) { conveneSecurityConference(input: $input) { id } }`, {
        input: {
          caseId: conference.caseId, startsAt: hoursFromNow(startsIn), endsAt: hoursFromNow(startsIn + 2), legalBasis: 'DECREE',
          legalBasisReference: 'Decree on integrated family justice, art. 7', participants: conference.participants,
        },
      });
      return data.conveneSecurityConference.id;
    };
    const conferences = { open: await convene(plan.open, -0.1), closed: await convene(plan.closed, -0.1), scheduled: await convene(plan.scheduled, 1) };
    await sendOk(MANAGER, /* GraphQL */ `mutation ($id: ID!) { closeSecurityConference(id: $id) { id } }`, { id: conferences.closed });
    return { consents, conferences, plan };
  }

  /** Reads every client's whole labelled view as each owning agency's own staff see it. */
  async function readOwnViews(): Promise<void> {
    for (const id of ALL_IDS) own.set(id, {});
    for (const agency of AGENCIES) {
      const fields = FIELDS.filter((f) => f.owner === agency);
      const { body } = await send<{ clients: Record<string, unknown>[] }>(
        { sub: `${agency}-staff-1`, agency, roles: ['AGENCY_STAFF'] }, 'CASE_MANAGEMENT',
        `query ($ids: [ID!]!) { clients(ids: $ids) { id ${selectionText(fields)} } }`, { ids: ALL_IDS },
      );
      expect(body.errors).toBeUndefined();
      for (const client of body.data!.clients) Object.assign(own.get(client.id as string)!, client);
    }
  }

  beforeAll(async () => {
    stack = await startInProcess(WORLD);
    const [plan] = fc.sample(planArb, { seed: SEED, numRuns: 1 });
    known = await carryOut(plan);
    await readOwnViews();
    const members = [plan.open, plan.closed, plan.scheduled].flatMap((c) => caseOf.get(c.caseId)!.members.map((m) => m.clientId));
    focus = [...new Set([...members, ...plan.consents.map((c) => c.clientId)])];
  }, 60_000);
  afterAll(() => stack?.stop());

  /**
   * The owners' view of a client as this viewer may receive it. The reference directory
   * (`agencyLinks`, from the generated world, by agency) holds agency A's entry only where A's own
   * decision on its `involved` (category INVOLVED_CATEGORY[A]) permits: one fact, one decision.
   */
  function ownViewFor(clientId: string, decisionOf: (owner: AgencyId, category: Category) => Decision): Record<string, unknown> {
    const agencyLinks = world.involvements
      .filter((i) => i.clientId === clientId && decisionOf(i.agency, INVOLVED_CATEGORY[i.agency]).permit)
      .map(({ agency, capacity, since }) => ({ agency, capacity, since }))
      .sort((a, b) => a.agency.localeCompare(b.agency));
    return { ...own.get(clientId)!, agencyLinks };
  }

  /** Compares one response with the oracle; throws with the first disagreement. */
  function check(c: Case, response: GraphQLResponse): void {
    const { body } = response;
    const fail = (problem: string) => {
      throw new Error(`${describeCase(c)}\n  ${problem}\n  query fields: ${selectionText(c.fields)}`);
    };
    const leafCount = (fields: readonly LabelledField[]): number => fields.reduce((n, f) => n + (f.children ? leafCount(f.children) : 1), 0);
    tally.checks += leafCount(c.fields) * c.clientIds.length;

    const participant = known.plan.open.participants.some((p) => p.staffId === c.viewer.sub && p.agency === c.viewer.agency);
    if (c.purpose === 'SECURITY_CONFERENCE' && (c.conferenceId !== known.conferences.open || !participant)) {
      // A conference that is not open, or that the viewer does not take part in, is no basis to claim.
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      if (response.status !== 403 || body.data != null || JSON.stringify(codes) !== '["INVALID_BASIS"]') {
        fail(`a claimed conference that does not hold must be refused 403 INVALID_BASIS, got ${response.status} ${JSON.stringify(body)}`);
      }
      tally.denials.set('INVALID_BASIS', (tally.denials.get('INVALID_BASIS') ?? 0) + 1);
      return;
    }

    if (ceilingOf(c.viewer.roles, c.purpose).size === 0) {
      // No category of persons at all: the FJC refuses even to say whether the clients exist.
      const errors = (body.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]);
      if (body.data !== null || JSON.stringify(errors) !== JSON.stringify([['clients', 'FORBIDDEN']])) {
        fail(`a viewer without any person category must get data null and one FORBIDDEN at clients, got ${JSON.stringify(body)}`);
      }
      tally.denials.set('FORBIDDEN (no lookup)', (tally.denials.get('FORBIDDEN (no lookup)') ?? 0) + 1);
      return;
    }

    let groups = 0;
    const expectedData: Record<string, unknown>[] = [];
    const expectedErrors: ExpectedError[] = [];
    c.clientIds.forEach((clientId, index) => {
      const bases = basesOf(known, c, clientId);
      const decisions = new Map<string, Decision>();
      const completion = {
        decisionOf: (owner: AgencyId, category: Category) => {
          const key = `${owner}/${category}`;
          if (!decisions.has(key)) decisions.set(key, decide({ viewer: c.viewer, purpose: c.purpose, owner, category, bases }));
          return decisions.get(key)!;
        },
        onDecision: (_field: LabelledField, decision: Decision) => {
          const counter = decision.permit ? tally.permits : tally.denials;
          const key = decision.permit ? decision.basis : decision.code;
          counter.set(key, (counter.get(key) ?? 0) + 1);
        },
        ceilingOf: (category: Category): Decision =>
          ceilingOf(c.viewer.roles, c.purpose).has(category) ? { permit: true, basis: 'OWN_RECORD' } : { permit: false, code: 'FORBIDDEN', reason: 'ABOVE_CEILING' },
        nextGroup: () => (groups += 1),
      };
      const client: Record<string, unknown> = { id: clientId };
      const ownView = ownViewFor(clientId, completion.decisionOf);
      for (const field of c.fields) {
        const done = completeField(field, ownView, ['clients', index], completion);
        client[field.alias ?? field.name] = done.value;
        expectedErrors.push(...done.errors);
      }
      expectedData.push(client);
    });

    const actualData = (body.data as { clients?: unknown } | null | undefined)?.clients;
    const difference = firstDifference(actualData, expectedData, 'clients');
    if (difference !== null) {
      const pick = (value: unknown) => difference.split('.').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], value);
      fail(`data differs at ${difference}: expected ${JSON.stringify(pick(expectedData))}, got ${JSON.stringify(pick(actualData))}\n  errors: ${JSON.stringify(body.errors ?? [])}`);
    }

    const matches = (actual: NonNullable<GraphQLResponse['body']['errors']>[number], expected: ExpectedError) =>
      (actual.path ?? []).join('.') === expected.path &&
      actual.extensions?.code === expected.code &&
      actual.extensions?.category === expected.category &&
      actual.extensions?.agency === expected.agency &&
      // The gateway answers FORBIDDEN before any subgraph decides: only its code is the policy's.
      (expected.code === 'FORBIDDEN' || actual.extensions?.reason === expected.reason);
    const actualErrors = body.errors ?? [];
    for (const actual of actualErrors) {
      if (actual.message !== 'This field is withheld.' || !expectedErrors.some((e) => matches(actual, e))) {
        const at = (actual.path ?? []).join('.');
        const here = expectedErrors.filter((e) => e.path === at);
        fail(`unexpected error at ${at}: ${JSON.stringify(actual.extensions ?? actual.message)}; the oracle expects ${here.length > 0 ? JSON.stringify(here) : 'no error there'}`);
      }
    }
    for (const expected of expectedErrors.filter((e) => e.group === null)) {
      if (!actualErrors.some((a) => matches(a, expected))) fail(`missing error ${JSON.stringify(expected)}; got ${JSON.stringify(actualErrors)}`);
    }
    for (let group = 1; group <= groups; group += 1) {
      const members = expectedErrors.filter((e) => e.group === group);
      if (members.length > 0 && !members.some((e) => actualErrors.some((a) => matches(a, e)))) {
        fail(`no error explains a nulled object: expected one of ${JSON.stringify(members)}; got ${JSON.stringify(actualErrors)}`);
      }
    }
  }

  it(`answers every field as decide() says on the test's own bases (seed ${SEED}, ${RUNS} requests)`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(caseArb(focus, known), async (c) => {
        tally.requests += 1;
        const headers: Record<string, string> = { 'x-request-id': `property-${tally.requests}` };
        if (c.conferenceId) headers['x-conference-id'] = c.conferenceId;
        if (c.emergencyReason) headers['x-emergency-reason'] = c.emergencyReason;
        const query = `query ($ids: [ID!]!) { clients(ids: $ids) { id ${selectionText(c.fields)} } }`;
        const response = await send<Record<string, unknown>>({ sub: c.viewer.sub, agency: c.viewer.agency, roles: c.viewer.roles }, c.purpose, query, { ids: c.clientIds }, headers);
        check(c, response);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, ...(PATH ? { path: PATH } : {}) },
    );
    const summary = (counts: Map<string, number>) => [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
    console.info(
      `authorization property (seed ${SEED}): ${tally.requests} requests, ${tally.checks} (viewer, purpose, bases, client, field) checks ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; permitted by ${summary(tally.permits)}; withheld ${summary(tally.denials)}`,
    );
    // The property is only worth something if every rule and every refusal actually occurred.
    expect(tally.checks).toBeGreaterThanOrEqual(2000);
    for (const basis of ['OWN_RECORD', 'CONSENT', 'CASE_CONFERENCE', 'EMERGENCY', 'JOINT_CLIENT']) expect(tally.permits.get(basis) ?? 0).toBeGreaterThan(0);
    for (const code of ['FORBIDDEN', 'PROTECTED', 'CONSENT_REQUIRED', 'INVALID_BASIS']) expect(tally.denials.get(code) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
