import type { AgencyNames } from './spec';

/**
 * The code of a new agency's subgraph, in the shape of every built-in one (docs/connecting-an-agency.md):
 * one list of records of the agency's work, of the category it was created with, over the kit's
 * SQLite store. The agency then edits its own folder to describe its real records.
 */

const KINDS = ['INTAKE', 'FOLLOW_UP', 'CLOSURE'] as const;

export function agencyTs(a: AgencyNames): string {
  return `import { defineAgency, partnerSubgraph } from '../../lib/kit';
import { resolvers } from './resolvers';
import { seed${a.type} } from './seed';
import { ${a.constant}_FIGURES } from './statistics';
import { open${a.type}Store, type ${a.type}Rows } from './store';

/** Share of the synthetic world's families whose victim the agency knows. */
const KNOWN_SHARE = 0.5;

/** ${a.names.en}: its subgraph, store, synthetic records and figures. \`index.ts\` runs it; the tools and tests find it by its id. */
export const agency = defineAgency({
  id: '${a.id}',
  definition: partnerSubgraph<${a.type}Rows>('${a.id}', resolvers),
  openStore: open${a.type}Store,
  seed: {
    /**
     * Whom it knows in the synthetic world: the victims of about half the families, and the first
     * family's victim and perpetrator (every partner agency knows the tests' fixture family).
     */
    involve: ({ victim, perpetrator, first }, random, link) => {
      if (first || random.chance(KNOWN_SHARE)) link(victim, 'VICTIM');
      if (first) link(perpetrator, 'PERPETRATOR');
    },
    consentNeeds: ['${a.category}'],
    records: seed${a.type},
  },
  figures: ${a.constant}_FIGURES,
});
`;
}

export function schemaGraphql(a: AgencyNames): string {
  return `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@composeDirective"])
  @link(url: "https://oneroof.dev/sensitive/v1.0", import: ["@sensitive"])
  @composeDirective(name: "@sensitive")

"""
A client of the Family Justice Center, keyed by the FJC client id. ${a.names.en} adds its file.
"""
type Client @key(fields: "id") {
  "The FJC client id."
  id: ID!
  "The FJC's consent assertion for this viewer and client, verified before anything beyond own records is shown."
  accessAssertion: String @external
  "${a.names.en}: its file. Held by ${a.names.en}."
  ${a.field}: ${a.type}File @requires(fields: "accessAssertion")
}

"""
What ${a.names.en} knows of one client. A client it does not know has \`involved: false\` and nothing else.
"""
type ${a.type}File {
  "Whether ${a.names.en} knows this client."
  involved: Boolean! @sensitive(category: INVOLVEMENT)
  "Since when (ISO date)."
  since: String @sensitive(category: INVOLVEMENT)
  "The client's capacity in its work: VICTIM or PERPETRATOR."
  capacity: String @sensitive(category: INVOLVEMENT)
  "Staff id of the client's contact person."
  contactPerson: String @sensitive(category: INVOLVEMENT)
  "Its records of the client, newest first."
  records: [${a.type}Record!] @sensitive(category: ${a.category})
}

"One record of ${a.names.en}'s work with a client."
type ${a.type}Record {
  "When (ISO date)."
  recordedAt: String! @sensitive(category: ${a.category})
  kind: ${a.type}RecordKind! @sensitive(category: ${a.category})
  "A short summary, written by the agency's staff."
  summary: String @sensitive(category: ${a.category})
}

enum ${a.type}RecordKind {
${KINDS.map((k) => `  ${k}`).join('\n')}
}

# Statistics (docs/statistics.md): the \`Statistics\` entity, \`StatSeries\` and the small-cell rule are
# shared by every agency (schema/statistics.graphql); this agency adds its own figures to it.

extend type Statistics {
  "${a.names.en}: its figures, counted in its own store."
  ${a.field}: ${a.type}Statistics
}

"""
${a.names.en}: its figures. Counts only, never a person; small counts suppressed as StatSeries describes.
"""
type ${a.type}Statistics @aggregate {
  "Records by kind, by the day they were made."
  recordsByKind: [StatSeries!]!
}
`;
}

export function storeTs(a: AgencyNames): string {
  return `import { createSqliteAgencyStore, IN_ID_LIST, type Migration, openSqliteStore, type SqliteAgencyStore, type StoreContext } from '../../lib/kit';
import { ${a.constant}_FIGURES, RECORD_KINDS } from './statistics';

/**
 * ${a.names.en}: the store interface over the SQLite file OneRoof keeps for its data. An agency that
 * keeps its own system rewrites this one file as an adapter with the same row shapes (an example:
 * tests/examples/legacyHousing/adapter.ts); the subgraph, policy and disclosure log stay.
 */
export type ${a.type}Store = SqliteAgencyStore<${a.type}Rows>;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: '${a.id} records',
    sql: \`
    CREATE TABLE records (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN (\${RECORD_KINDS.map((kind) => \`'\${kind}'\`).join(', ')})),
      summary TEXT
    );
    CREATE INDEX records_person ON records(person_id, recorded_at);
    CREATE INDEX records_statistics ON records(recorded_at, kind);\`,
  },
];

/** A record as the schema's \`${a.type}Record\` has it; \`person_id\` groups rows per person. */
export interface RecordRow {
  person_id: string;
  recordedAt: string;
  kind: string;
  summary: string | null;
}

/** The row type of each list field of the file, by field name. */
export interface ${a.type}Rows {
  records: RecordRow;
}

/** Batched queries: each takes the JSON list of person ids as its only parameter. */
export const QUERIES = {
  records: \`SELECT person_id, recorded_at AS recordedAt, kind, summary FROM records WHERE person_id \${IN_ID_LIST} ORDER BY recorded_at DESC, id DESC\`,
} as const;

/** Opens the store over OneRoof's SQLite file for the agency's data, with the person links OneRoof keeps apart from it. */
export function open${a.type}Store(context: StoreContext): ${a.type}Store {
  return createSqliteAgencyStore<${a.type}Rows>({ data: openSqliteStore(context.dataFile, MIGRATIONS), links: context.links, rows: QUERIES, figures: ${a.constant}_FIGURES });
}
`;
}

export function resolversTs(a: AgencyNames): string {
  return `import { agencyFileResolvers, clientEntityResolvers, type PartnerLoaders, viaPerson } from '../../lib/kit';
import { statisticsResolvers } from './statistics';
import type { ${a.type}Rows } from './store';

const rows = viaPerson<${a.type}Rows>();

/** The file on \`Client\` and its fields; the kit decides every labelled field before these run. */
export const resolvers = {
  Client: clientEntityResolvers<PartnerLoaders<${a.type}Rows>>('${a.field}'),
  ${a.type}File: {
    ...agencyFileResolvers,
    records: rows('records'),
  },
  ...statisticsResolvers,
};
`;
}

export function statisticsTs(a: AgencyNames): string {
  return `import { agencyStatisticsResolvers, type SqlFigure } from '../../lib/kit';

/** The kinds of record, as the schema's \`${a.type}RecordKind\` lists them. */
export const RECORD_KINDS = [${KINDS.map((k) => `'${k}'`).join(', ')}] as const;

/** The agency's figures, each one GROUP BY on an indexed date column of its store. */
export const ${a.constant}_FIGURES = {
  recordsByKind: {
    labels: RECORD_KINDS,
    sql: \`SELECT kind AS label, substr(recorded_at, 1, 7) AS month, count(*) AS n
      FROM records WHERE recorded_at >= @from AND recorded_at < @until GROUP BY label, month\`,
  },
} satisfies Record<string, SqlFigure>;

export const statisticsResolvers = agencyStatisticsResolvers({ field: '${a.field}', typeName: '${a.type}Statistics', figures: ${a.constant}_FIGURES });
`;
}

export function seedTs(a: AgencyNames): string {
  return `import { addDays, involvementsOf, type Random, type World } from '../../lib/kit';
import type { ${a.type}Store } from './store';

const SUMMARIES: Record<string, readonly string[]> = {
  INTAKE: ['First meeting; needs and safety discussed.', 'Referred by the FJC; intake completed.'],
  FOLLOW_UP: ['Follow-up meeting; agreements reviewed.', 'Contact by phone; no new incidents reported.'],
  CLOSURE: ['Support ended by mutual agreement.', 'File closed; client referred on.'],
};

/**
 * Invents ${a.names.en}'s records for the clients it knows (synthetic, never real people): an intake
 * when it came to know them, zero to three follow-ups two weeks to three months apart, a closure
 * for some; nothing after the world's reference day.
 */
export function seed${a.type}(store: ${a.type}Store, world: World, random: Random): void {
  let count = 0;
  involvementsOf(world, '${a.id}').forEach((inv, i) => {
    const personId = \`${a.personPrefix}-\${String(i + 1).padStart(7, '0')}\`;
    store.links.insert({ clientId: inv.clientId, personId, capacity: inv.capacity, since: inv.since, contactPerson: inv.contactPerson });
    const kinds = ['INTAKE', ...Array.from({ length: random.int(0, 3) }, () => 'FOLLOW_UP'), ...(random.chance(0.4) ? ['CLOSURE'] : [])];
    let day = inv.since;
    for (const kind of kinds) {
      if (day > world.today) break;
      count += 1;
      store.data.run(
        'INSERT INTO records (id, person_id, recorded_at, kind, summary) VALUES (?, ?, ?, ?, ?)',
        \`${a.personPrefix}-R\${String(count).padStart(8, '0')}\`, personId, day, kind, random.pick(SUMMARIES[kind]!),
      );
      day = addDays(day, random.int(14, 90));
    }
  });
}
`;
}

export function indexTs(): string {
  return `import { runAgency } from '../../lib/kit';
import { agency } from './agency';

void runAgency(agency);
`;
}
