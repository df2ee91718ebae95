import registry from '../../subgraphs/agencies.json';
import { PrintedDisclosureFragmentDoc, QueuedDisclosureFragmentDoc, type PrintedDisclosureFragment, type QueuedDisclosureFragment } from './gql/generated';

/**
 * The agencies of the federation, read at build time from the registry (`subgraphs/agencies.json`),
 * the one list of them: the console names no agency in its code, so an agency added to the
 * registry appears in its consent forms, reports and review queue as it does on its card.
 */
export interface ConsoleAgency {
  id: string;
  /** Its field on `Client`, `Statistics` and the audit entities. */
  field: string;
  names: { nl: string; fr: string; en: string };
}

export const AGENCIES: readonly ConsoleAgency[] = registry.agencies.map(({ id, field, names }) => ({ id, field, names }));

/** The agency of an id, if the registry lists it. */
export const agencyOf = (id: string | null | undefined): ConsoleAgency | undefined => AGENCIES.find((agency) => agency.id === id);

/** `DisclosureReport` and `DisclosureReviewQueue` as the console reads them: one list per agency field. */
export type PerAgency<T> = Record<string, T[] | null | undefined>;

const lists = (fragment: string) => AGENCIES.map((agency) => `${agency.field} { ...${fragment} }`).join(' ');

/** A client's disclosure records from every agency's log (its part of the schema: `Query.disclosureReport`). */
export const DISCLOSURE_REPORT = {
  text: `query DisclosureReport($clientId: ID!) { disclosureReport(clientId: $clientId) { clientId ${lists('PrintedDisclosure')} } }\n${String(PrintedDisclosureFragmentDoc)}`,
} as { text: string; __result?: { disclosureReport: PerAgency<PrintedDisclosureFragment> | null }; __variables?: { clientId: string } };

/** The break-the-glass records waiting for review in every agency's log. */
export const REVIEW_QUEUE = {
  text: `query ReviewQueue { disclosureReview { ${lists('QueuedDisclosure')} } }\n${String(QueuedDisclosureFragmentDoc)}`,
} as { text: string; __result?: { disclosureReview: PerAgency<QueuedDisclosureFragment> | null }; __variables?: Record<string, never> };

/** An agency's review mutation, `review<Field>Disclosure`: a verdict is recorded in that agency's own log. */
export function reviewMutation(agency: ConsoleAgency) {
  const name = `review${agency.field[0]!.toUpperCase()}${agency.field.slice(1)}Disclosure`;
  return {
    text: `mutation Review($seq: Int!, $justified: Boolean!, $note: String!) { ${name}(seq: $seq, justified: $justified, note: $note) { id } }`,
  } as { text: string; __result?: unknown; __variables?: { seq: number; justified: boolean; note: string } };
}
