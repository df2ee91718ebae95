/**
 * An agency's card in the unified view, described as data in the agency's own folder
 * (`subgraphs/<agency>/console/card.json`, with its fragment in `card.graphql`): the console
 * renders any card of this shape, so a new agency adds its card without editing the console.
 * docs/console.md describes the format.
 */

/** A text in the console's three languages. */
export interface Text3 {
  nl: string;
  fr: string;
  en: string;
}

/** How a value is shown: dates and numbers in the reader's locale, enum values translated. */
export type CardFormat = 'text' | 'date' | 'datetime' | 'boolean' | 'number' | 'enum' | 'enumList' | 'textList';

export interface CardColumn {
  /** The field of the record (as selected by the card's fragment). */
  field: string;
  label: Text3;
  /** Default `text`. */
  format?: CardFormat;
  /** Labels of enum values (format `enum` or `enumList`); an unknown value is shown as it is. */
  values?: Record<string, Text3>;
}

export interface CardRecordType {
  /** The field of the agency's file holding the records: a list, or one object (`kind: "object"`). */
  field: string;
  title: Text3;
  /** Default `list`. */
  kind?: 'list' | 'object';
  columns: CardColumn[];
}

export interface AgencyCardSpec {
  /** The agency id, as in tokens and errors. */
  agency: string;
  /** Where the card stands among the others (lower first). */
  order: number;
  /** The field on `Client` that holds the agency's file. */
  field: string;
  /** The name of the fragment on the file's type in `card.graphql`. */
  fragment: string;
  title: Text3;
  /** Labels of the agency's capacities (VICTIM, SUSPECT...). */
  capacities?: Record<string, Text3>;
  /** Single facts of the file beyond involvement, capacity, since and contact person. */
  facts?: CardColumn[];
  records: CardRecordType[];
}

/** A card as the console uses it: the description and its fragment's text. */
export interface AgencyCard extends AgencyCardSpec {
  fragmentText: string;
}

/**
 * The unified view's query: the FJC's part, then each agency's file through its card's fragment,
 * all in one request (one fetch per agency, planned by the gateway).
 */
export function assembleClientView(headerFragment: string, cards: readonly AgencyCard[]): string {
  const files = cards.map((card) => `${card.field} { ...${card.fragment} }`).join('\n    ');
  return [
    `query ClientView($id: ID!) {\n  client(id: $id) {\n    ...ClientHeader\n    ${files}\n  }\n}`,
    headerFragment.trim(),
    ...cards.map((card) => card.fragmentText.trim()),
  ].join('\n');
}

/** The cards in their order, checked for the fields the console relies on. */
export function orderedCards(specs: readonly AgencyCardSpec[], fragments: Readonly<Record<string, string>>): AgencyCard[] {
  return specs
    .map((spec) => {
      const fragmentText = fragments[spec.agency];
      if (!fragmentText || !fragmentText.includes(`fragment ${spec.fragment} `)) {
        throw new Error(`card of ${spec.agency}: card.graphql must define fragment ${spec.fragment}`);
      }
      return { ...spec, fragmentText };
    })
    .sort((a, b) => a.order - b.order || a.agency.localeCompare(b.agency));
}
