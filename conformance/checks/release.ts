import { EMERGENCY_REASON } from './context';
import { SetupError } from '../keys';
import { ASSERTION, AUDIT_ACCESS, NO_BASES, OPENED_BY, type Bases, type Category } from '../protocol';
import type { Suite } from '../suite';
import { selectionOf, type FieldShape } from '../sdl';
import { ENTITY_QUERY, ROOT, runScenario, type Scenario } from './scenario';

const CONFERENCE = 'CONF-000001';
const now = () => Math.floor(Date.now() / 1000);

/** Reads the agency's own staff's view first: every other answer is compared with it (AP-POL-9). */
async function reference(suite: Suite): Promise<void> {
  const { answer } = await runScenario(suite, { name: 'own staff, no assertion', viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT', bases: null, compare: false });
  const entity = (answer.body?.data?._entities as unknown[] | undefined)?.[ROOT[1]] as Record<string, unknown> | null | undefined;
  const file = suite.part!.fileField ? (entity?.[suite.part!.fileField] as { involved?: unknown } | null | undefined) : entity;
  const known = suite.part!.fileField ? file?.involved === true : !!entity;
  if (!known) {
    throw new SetupError(`${suite.client} is not a client ${suite.options.agency} knows (its own staff see ${JSON.stringify(file ?? null)}): pass --client with one it does.`);
  }
  suite.reference = entity;
}

/** AP-POL-1, AP-POL-2, AP-POL-9, AP-ERR-*: the hub's own records, within and above the ceilings. */
async function hubMatrix(suite: Suite): Promise<void> {
  const { own, frontDesk, coordinator } = suite.viewers;
  await runScenario(suite, { name: 'own front desk at intake', viewer: frontDesk, purpose: 'INTAKE', bases: null });
  await runScenario(suite, { name: 'own staff in an emergency', viewer: own, purpose: 'EMERGENCY', emergencyReason: EMERGENCY_REASON, bases: null });
  await runScenario(suite, { name: 'coordinator for statistics', viewer: coordinator, purpose: 'STATISTICS', bases: null });
}

/** Whether a value holds, anywhere in `shapes`, a non-null field of `category`. */
function holds(shapes: readonly FieldShape[], value: unknown, category: Category): boolean {
  if (Array.isArray(value)) return value.some((item) => holds(shapes, item, category));
  if (value === null || typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  return shapes.some((s) => object[s.name] !== null && object[s.name] !== undefined && (s.category === category || (s.children !== null && holds(s.children, object[s.name], category))));
}

/**
 * The first of `candidates` whose file holds a value of `category`, as the agency's own staff see
 * it, asked in one request: contact data sits in few files (a victim's shelter, a child's placement).
 */
async function clientWithValueOf(suite: Suite, category: Category, candidates: string[]): Promise<string | null> {
  const answer = await suite.transport.send({
    query: ENTITY_QUERY(selectionOf(suite.part!.shapes)),
    variables: { representations: candidates.map((id) => ({ __typename: 'Client', id })) },
    viewer: suite.viewers.own,
    purpose: 'CASE_MANAGEMENT',
  });
  const entities = (answer.body?.data?._entities ?? []) as unknown[];
  const index = entities.findIndex((entity) => holds(suite.part!.shapes, entity, category));
  return index >= 0 ? candidates[index]! : null;
}

/** Every category the file holds, on a consent, with a joint client: what a tampered assertion would open. */
const everything = (categories: Category[]): Bases => ({ ...NO_BASES, consent: categories, jointClient: true });

/** AP-POL-1 to AP-POL-9, AP-ERR-*: what each kind of valid assertion releases, category by category. */
async function partnerMatrix(suite: Suite): Promise<void> {
  const { caseManager, frontDesk, coordinator, perpetratorSide } = suite.viewers;
  const { categories, involvedCategory } = suite.part!;
  const involved = involvedCategory!;
  const cm = (name: string, bases: Bases, extra: Partial<Scenario> = {}) => runScenario(suite, { name, viewer: caseManager, purpose: 'CASE_MANAGEMENT', bases, ...extra });
  await cm('no basis', NO_BASES);
  await cm(`consent to ${categories.join(', ')}`, { ...NO_BASES, consent: categories });
  const others = categories.filter((c) => c !== involved);
  if (others.length > 0) await cm(`consent to ${involved} only`, { ...NO_BASES, consent: [involved] });
  for (const category of others) await cm(`consent to ${involved} and ${category}`, { ...NO_BASES, consent: [involved, category] });
  await cm('joint client', { ...NO_BASES, jointClient: true });
  await runScenario(suite, { name: 'security conference', viewer: caseManager, purpose: 'SECURITY_CONFERENCE', conference: CONFERENCE, bases: { ...NO_BASES, conference: CONFERENCE } });
  await runScenario(suite, { name: 'emergency', viewer: caseManager, purpose: 'EMERGENCY', emergencyReason: EMERGENCY_REASON, bases: { ...NO_BASES, emergency: true } });
  await runScenario(suite, { name: 'front desk at intake, consent to all', viewer: frontDesk, purpose: 'INTAKE', bases: everything(categories) });
  await runScenario(suite, { name: 'coordinator, consent to all', viewer: coordinator, purpose: 'STATISTICS', bases: everything(categories) });
  const contactClient = categories.includes('CONTACT') ? await clientWithValueOf(suite, 'CONTACT', [suite.client, ...suite.contactClients]) : null;
  if (contactClient) {
    await runScenario(suite, {
      name: `${perpetratorSide.agency} staff, ${contactClient} protected, consent to all`, viewer: perpetratorSide, purpose: 'CASE_MANAGEMENT', clientId: contactClient,
      bases: { ...everything(categories), protectedContact: true }, compare: contactClient === suite.client,
    });
  }
  // A rule can only be seen at work on a value it decides: say why it was not, rather than pass it unseen.
  const decides: [string, readonly Category[]][] = [['AP-POL-3', ['CONTACT']], ['AP-POL-5', OPENED_BY.conference], ['AP-POL-6', OPENED_BY.emergency], ['AP-POL-7', OPENED_BY.jointClient]];
  for (const [id, opened] of decides) {
    if (suite.probes.has(id)) continue;
    suite.skip(id, categories.some((c) => opened.includes(c))
      ? `no file of ${[suite.client, ...(id === 'AP-POL-3' ? suite.contactClients : [])].join(', ')} holds a value of a category this rule decides: pass --client (or --contact-clients) with one that does`
      : `the agency holds no field of a category this rule decides (${opened.join(', ')})`);
  }
}

/** AP-ASSERT-1 to AP-ASSERT-6: assertions the subgraph must not accept; it then releases nothing to another agency. */
async function refusedAssertions(suite: Suite): Promise<void> {
  const { caseManager, own } = suite.viewers;
  const bases = everything(suite.part!.categories);
  const bad = (name: string, requirement: string, tamper: NonNullable<Scenario['tamper']>['tamper'], extra: Partial<Scenario> = {}) =>
    runScenario(suite, { name: `assertion ${name}`, viewer: caseManager, purpose: 'CASE_MANAGEMENT', bases, tamper: { requirement, tamper }, ...extra });
  await runScenario(suite, { name: 'no assertion', viewer: caseManager, purpose: 'CASE_MANAGEMENT', bases: null, tamper: { requirement: 'AP-ASSERT-1' } });
  await bad('signed with another key under the real kid', 'AP-ASSERT-2', { foreignKey: true });
  await bad('with a kid the FJC JWKS does not hold', 'AP-ASSERT-2', { header: { kid: 'conformance-unknown-key' } });
  await bad('with alg none', 'AP-ASSERT-2', { alg: 'none' });
  await bad('from another issuer', 'AP-ASSERT-3', { claims: { iss: 'urn:oneroof:gateway' } });
  await bad(`for the audit audience ${AUDIT_ACCESS.audience}`, 'AP-ASSERT-3', { claims: { aud: AUDIT_ACCESS.audience } });
  await bad('expired', 'AP-ASSERT-3', { claims: { iat: now() - 120, exp: now() - 60 } });
  await bad(`issued ${ASSERTION.maxAgeSeconds + 30} s ago, not yet expired`, 'AP-ASSERT-3', { claims: { iat: now() - ASSERTION.maxAgeSeconds - 30, exp: now() + 30 } });
  await bad('issued 60 s ahead', 'AP-ASSERT-3', { claims: { iat: now() + 60, exp: now() + 120 } });
  await bad('for another client', 'AP-ASSERT-4', { claims: { cid: suite.stranger } });
  await bad('for another staff member', 'AP-ASSERT-4', { claims: { sub: `${caseManager.sub}-other` } });
  await bad(`for another agency (${own.agency})`, 'AP-ASSERT-4', { claims: { agency: own.agency } });
  await bad('for another purpose', 'AP-ASSERT-4', { claims: { pur: 'INTAKE' } });
  await bad('for another conference', 'AP-ASSERT-4', { claims: { conf: 'CONF-000002' } }, { purpose: 'SECURITY_CONFERENCE', conference: CONFERENCE });
  await bad('without the conference the request names', 'AP-ASSERT-4', { claims: { conf: undefined } }, { purpose: 'SECURITY_CONFERENCE', conference: CONFERENCE });
  await bad('with a category the protocol does not have', 'AP-ASSERT-5', { claims: { bases: { ...bases, consent: [...bases.consent, 'EVERYTHING'] } } });
  await bad('without jointClient in its bases', 'AP-ASSERT-5', { claims: { bases: { consent: bases.consent, conference: null, emergency: false, protectedContact: false } } });
  await bad('with typ JWT', 'AP-ASSERT-6', { header: { typ: 'JWT' } });
}

/** AP-STR-1: a client the agency does not know, asked by its own staff and by another agency with every basis. */
async function stranger(suite: Suite): Promise<void> {
  const file = suite.part!.fileField!;
  const ask = [
    { name: 'stranger, own staff', viewer: suite.viewers.own, bases: null },
    { name: 'stranger, consent to all', viewer: suite.viewers.caseManager, bases: everything(suite.part!.categories) },
  ];
  for (const { name, viewer, bases } of ask) {
    const { answer } = await runScenario(suite, { name, viewer, purpose: 'CASE_MANAGEMENT', clientId: suite.stranger, bases, compare: false });
    const entity = (answer.body?.data?._entities as Record<string, unknown>[] | undefined)?.[0];
    const value = entity?.[file] as Record<string, unknown> | null | undefined;
    const rest = value ? Object.entries(value).filter(([key, v]) => key !== 'involved' && v !== null).map(([key]) => key) : [];
    const errors = answer.body?.errors ?? [];
    suite.check('AP-STR-1', name, value?.involved === false && rest.length === 0 && errors.length === 0,
      `${file}: ${JSON.stringify(value ?? null)}, not null: ${rest.join(', ')}, errors ${JSON.stringify(errors.map((e) => e.extensions?.code))}`);
  }
}

/** The release checks: the agency's own view, the matrix, refused assertions, and a stranger. */
export async function checkReleases(suite: Suite): Promise<void> {
  await reference(suite);
  if (suite.hub) {
    await hubMatrix(suite);
    suite.skip('AP-AUD-8', "the FJC shows its own records on its own registry's bases, which the suite does not set");
    return;
  }
  await partnerMatrix(suite);
  await refusedAssertions(suite);
  await stranger(suite);
}
