import type { AgencyNames } from './spec';

/** The new agency's tests, its card in the console, and its docs page: all in its own folder. */

const text = (nl: string, fr: string, en: string) => ({ nl, fr, en });
/** The kinds of record (scripts/scaffold/code.ts) in the console's three languages. */
const KIND_NAMES = { INTAKE: text('Intake', 'Accueil', 'Intake'), FOLLOW_UP: text('Opvolging', 'Suivi', 'Follow-up'), CLOSURE: text('Afsluiting', 'Clôture', 'Closure') };

export function expectedFiguresTs(): string {
  return `import { type ExpectedFigures, rows } from '../../../tests/helpers/statisticsExpected';

/**
 * This agency's figures worked out independently of the statistics library, for
 * tests/e2e/statistics.test.ts: its records read one by one with plain SELECTs from its store.
 */
export const expectedFigures: ExpectedFigures = {
  recordsByKind: { labels: ['INTAKE', 'FOLLOW_UP', 'CLOSURE'], records: rows('SELECT id AS key, kind AS label, recorded_at AS day FROM records') },
};
`;
}

export function agencyTestTs(a: AgencyNames): string {
  return `import type { DevTokenClaims } from '../../../lib/auth/devIssuer';
import { clientId, FIXTURE_CLIENTS } from '../../../lib/seed/world';
import { recordConsent } from '../../../tests/helpers/fjcRecords';
import { startInProcess, type InProcessFederation } from '../../../tests/helpers/inProcess';

/** ${a.names.en} in the federation, through the gateway as a client would ask. */
const AGENCY = '${a.id}';
const CATEGORY = '${a.category}';
const FILE = /* GraphQL */ \`query ($id: ID!) { client(id: $id) { ${a.field} { involved since capacity records { recordedAt kind summary } } } }\`;
const STAFF: DevTokenClaims = { sub: \`\${AGENCY}-staff-1\`, agency: AGENCY, roles: ['AGENCY_STAFF'] };
const MANAGER: DevTokenClaims = { sub: 'fjc-staff-2', agency: 'fjc', roles: ['CASE_MANAGER'] };
const COORDINATOR: DevTokenClaims = { sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] };

describe(\`\${AGENCY} in the unified view\`, () => {
  let federation: InProcessFederation;
  beforeAll(async () => {
    federation = await startInProcess({ clients: 40 });
  });
  afterAll(() => federation.stop());

  const ask = async (claims: DevTokenClaims, query: string, variables: Record<string, unknown>, purpose = 'CASE_MANAGEMENT') =>
    (await federation.post(query, { token: await federation.token(claims), purpose, variables })).body;

  /** The agency's own records of a client, read from its store: what it holds. */
  function storeRecords(client: string) {
    const link = federation.subgraphs[AGENCY]!.oneroof.links.find([client])[0];
    if (!link) throw new Error(\`\${AGENCY} does not know \${client}\`);
    return federation.subgraphs[AGENCY]!.store.all(
      'SELECT recorded_at AS recordedAt, kind, summary FROM records WHERE person_id = ? ORDER BY recorded_at DESC, id DESC',
      link.personId,
    );
  }

  it('shows its own staff its whole file of a client it knows, as its store holds it', async () => {
    const records = storeRecords(FIXTURE_CLIENTS.knownToAll);
    expect(records.length).toBeGreaterThan(0);
    expect(await ask(STAFF, FILE, { id: FIXTURE_CLIENTS.knownToAll })).toEqual({
      data: { client: { ${a.field}: { involved: true, since: expect.stringMatching(/^\\d{4}-\\d{2}-\\d{2}$/), capacity: 'PERPETRATOR', records } } },
    });
  });

  it('answers involved: false and nothing else for a client it does not know', async () => {
    expect(await ask(STAFF, FILE, { id: FIXTURE_CLIENTS.knownToNone })).toEqual({
      data: { client: { ${a.field}: { involved: false, since: null, capacity: null, records: null } } },
    });
  });

  it(\`withholds its records from the FJC case manager without the client's \${CATEGORY} consent, and releases them with it\`, async () => {
    const client = FIXTURE_CLIENTS.victim;
    const withheld = await ask(MANAGER, FILE, { id: client });
    expect(withheld.data).toEqual({ client: { ${a.field}: { involved: true, since: expect.any(String), capacity: 'VICTIM', records: null } } });
    expect(withheld.errors).toEqual([
      expect.objectContaining({ path: ['client', '${a.field}', 'records'], extensions: expect.objectContaining({ code: 'CONSENT_REQUIRED', category: CATEGORY, agency: AGENCY }) }),
    ]);
    await recordConsent(federation, await federation.token(MANAGER), { clientId: client, granteeAgency: 'fjc', categories: [CATEGORY] });
    const released = await ask(MANAGER, FILE, { id: client });
    expect(released.errors).toBeUndefined();
    expect((released.data as { client: { ${a.field}: { records: unknown } } }).client.${a.field}.records).toEqual(storeRecords(client));
  });

  it('records what it released in its own disclosure log, before the answer left', async () => {
    const log = federation.subgraphs[AGENCY]!.runtime.disclosureLog;
    const before = log.list(FIXTURE_CLIENTS.knownToAll).length;
    await ask(STAFF, FILE, { id: FIXTURE_CLIENTS.knownToAll });
    const records = log.list(FIXTURE_CLIENTS.knownToAll);
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)).toMatchObject({ viewer: { sub: STAFF.sub, agency: AGENCY }, granted: { INVOLVEMENT: 'OWN_RECORD', [CATEGORY]: 'OWN_RECORD' } });
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('costs one store query for the records of a whole caseload', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => clientId(i + 1));
    const store = federation.subgraphs[AGENCY]!.store;
    const before = store.queryCount;
    const { errors } = await ask(STAFF, /* GraphQL */ \`query ($ids: [ID!]!) { clients(ids: $ids) { ${a.field} { records { kind } } } }\`, { ids });
    expect(errors).toBeUndefined();
    expect(store.queryCount - before).toBe(1);
  });

  it('publishes its figures to a coordinator, one series per kind of record', async () => {
    const { data, errors } = await ask(COORDINATOR, /* GraphQL */ \`{ statistics(period: { from: "2025-01-01", to: "2025-12-31", granularity: QUARTER }) { ${a.field} { recordsByKind { label } } } }\`, {}, 'STATISTICS');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ statistics: { ${a.field}: { recordsByKind: [{ label: 'INTAKE' }, { label: 'FOLLOW_UP' }, { label: 'CLOSURE' }] } } });
  });
});
`;
}

export function cardGraphql(a: AgencyNames): string {
  return `# The unified view's card of this agency (docs/console.md): what the console asks of its file.
fragment ${a.type}Card on ${a.type}File {
  involved
  since
  capacity
  contactPerson
  records { recordedAt kind summary }
}
`;
}

export function cardJson(a: AgencyNames, order: number): string {
  const card = {
    agency: a.id,
    order,
    field: a.field,
    fragment: `${a.type}Card`,
    title: a.names,
    capacities: { VICTIM: text('Slachtoffer', 'Victime', 'Victim'), PERPETRATOR: text('Pleger', 'Auteur', 'Perpetrator') },
    records: [
      {
        field: 'records',
        title: text('Dossierstukken', 'Pièces du dossier', 'Records'),
        columns: [
          { field: 'recordedAt', label: text('Datum', 'Date', 'Date'), format: 'date' },
          {
            field: 'kind',
            label: text('Soort', 'Type', 'Kind'),
            format: 'enum',
            values: KIND_NAMES,
          },
          { field: 'summary', label: text('Samenvatting', 'Résumé', 'Summary') },
        ],
      },
    ],
  };
  return `${JSON.stringify(card, null, 1)}\n`;
}

/** The names of its figures and their labels on the coordinator's dashboard (docs/statistics.md). */
export function figuresJson(a: AgencyNames): string {
  const figures = {
    agency: a.id,
    figures: { recordsByKind: { nl: 'Dossierstukken, per soort', fr: 'Pièces du dossier, par type', en: 'Records, by kind' } },
    labels: KIND_NAMES,
  };
  return `${JSON.stringify(figures, null, 1)}\n`;
}

export function readmeMd(a: AgencyNames, portOffset: number): string {
  return `# ${a.names.en} (\`${a.id}\`)

${a.names.en} joins the Family Justice Center's OneRoof as a partner agency: its subgraph answers the
\`${a.field}\` file on \`Client\`, from its own store, under the policy every agency applies
(docs/authorization.md), and records every disclosure in its own log (docs/disclosure-log.md).
Made with \`npm run agency:new\`; docs/connecting-an-agency.md walks through it.

| | |
|---|---|
| registry entry | \`subgraphs/agencies.json\`: id \`${a.id}\`, field \`${a.field}\`, port offset ${portOffset} (\`npm start\`: port ${4001 + portOffset}) |
| its records | \`${a.type}Record\`, every field labelled \`@sensitive(category: ${a.category})\`; \`involved\`, \`since\`, \`capacity\`, \`contactPerson\` are INVOLVEMENT |
| its store | \`store.ts\`: the SQLite implementation of the store interface over \`<data>/${a.id}.sqlite\`; its person links and disclosure log are in OneRoof's own store, \`<data>/${a.id}.oneroof.sqlite\` |
| its figures | \`Statistics.${a.field}.recordsByKind\` (\`statistics.ts\`), named on the dashboard in \`console/figures.json\` |
| synthetic data | \`seed.ts\`: records for the victims of about half the families (\`agency.ts\`, \`seed.involve\`) |
| its card | \`console/card.json\`, \`console/card.graphql\` (docs/console.md) |
| its tests | \`tests/${a.id}.test.ts\` (npm test runs them); \`tests/expectedFigures.ts\` for the statistics test |

Run it alone: \`node --import tsx subgraphs/${a.id}/index.ts\` (the environment of docs/connecting-an-agency.md).
Check it against the protocol: \`npm run conformance -- --url http://localhost:${4001 + portOffset}/graphql --agency ${a.id}\`
(docs/agency-protocol.md).
`;
}
