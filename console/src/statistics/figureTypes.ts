import type { Text3 } from '../cards/cardTypes';

/**
 * The coordinator dashboard's figures. Which figures there are comes from the supergraph at build
 * time (scripts/consoleCodegen.ts writes console/src/gql/figures.ts); what they are called comes
 * from each agency's own folder (`subgraphs/<agency>/console/figures.json`), falling back to the
 * schema's description. docs/console.md describes the format.
 */

/** A figure as the schema declares it. */
export interface SchemaFigure {
  /** The field on the agency's `*Statistics` type. */
  name: string;
  /** A breakdown by label (a list of series) rather than one series (label ALL). */
  list: boolean;
  /** The schema's description of the field (English). */
  description: string;
}

/** One agency's figures as the schema declares them. */
export interface SchemaAgencyFigures {
  /** The agency's field on `Statistics`, e.g. `perpetratorProgram`. */
  field: string;
  /** The agency id, as in tokens and errors. */
  agency: string;
  figures: string[];
  fields: SchemaFigure[];
}

/** `subgraphs/<agency>/console/figures.json`: an agency's names for its figures and their labels. */
export interface AgencyFiguresSpec {
  agency: string;
  /** The agency's name on the dashboard; default its name in the console's catalogue, else its card's title. */
  title?: Text3;
  /** Each figure's title, by field name. */
  figures: Record<string, Text3>;
  /** The labels of the agency's breakdowns (PHYSICAL, ALCOHOL...), shared by its figures. */
  labels?: Record<string, Text3>;
}

/** A figure as the dashboard draws it. */
export interface DashboardFigure extends SchemaFigure {
  /** A text in the three languages, or the schema's description in each. */
  title: Text3;
}

/** An agency's part of the dashboard. */
export interface DashboardAgency {
  agency: string;
  field: string;
  /** Its name from figures.json, before the console's catalogue. */
  title?: Text3;
  /** Its card's title: its name when neither figures.json nor the catalogue has one. */
  cardTitle?: Text3;
  figures: DashboardFigure[];
  labels: Record<string, Text3>;
}
