import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { assembleClientView, orderedCards, type AgencyCardSpec } from '../../console/src/cards/cardTypes';
import { PARTNER_AGENCIES } from '../../lib/agencies';
import { SUPERGRAPH_FILE } from '../../schema/compose';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const HEADER = /fragment ClientHeader on Client \{[\s\S]*?\n\}/.exec(read('console/src/graphql/clients.graphql'))![0];

function cardsOnDisk() {
  const specs = PARTNER_AGENCIES.map((agency) => JSON.parse(read(`subgraphs/${agency}/console/card.json`)) as AgencyCardSpec);
  const fragments = Object.fromEntries(PARTNER_AGENCIES.map((agency) => [agency, read(`subgraphs/${agency}/console/card.graphql`)]));
  return orderedCards(specs, fragments);
}

describe("the agencies' cards in the unified view", () => {
  const api = Supergraph.build(read(path.relative(ROOT, SUPERGRAPH_FILE))).apiSchema().toGraphQLJSSchema();

  it('has one card per partner agency, in agency order', () => {
    expect(cardsOnDisk().map((card) => card.agency)).toEqual([...PARTNER_AGENCIES]);
  });

  it("assembles one query that the supergraph's API schema accepts", () => {
    const errors = validate(api, parse(assembleClientView(HEADER, cardsOnDisk())));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('refuses a card whose fragment is not where card.json says', () => {
    const [first] = cardsOnDisk();
    expect(() => orderedCards([{ ...first!, fragment: 'Elsewhere' }], { [first!.agency]: first!.fragmentText })).toThrow(/must define fragment Elsewhere/);
  });

  it('labels every record, column and enum value in Dutch, French and English', () => {
    const missing: string[] = [];
    const check = (where: string, text: Record<string, string> | undefined) => {
      for (const locale of ['nl', 'fr', 'en']) if (!text?.[locale]?.trim()) missing.push(`${where} (${locale})`);
    };
    for (const card of cardsOnDisk()) {
      check(`${card.agency} title`, card.title as unknown as Record<string, string>);
      for (const records of card.records) {
        check(`${card.agency}.${records.field}`, records.title as unknown as Record<string, string>);
        for (const column of [...records.columns, ...(card.facts ?? [])]) {
          check(`${card.agency}.${records.field}.${column.field}`, column.label as unknown as Record<string, string>);
          for (const [value, text] of Object.entries(column.values ?? {})) check(`${card.agency}.${column.field}=${value}`, text as unknown as Record<string, string>);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
