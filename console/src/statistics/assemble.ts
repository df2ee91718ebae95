import type { AgencyCardSpec, Text3 } from '../cards/cardTypes';
import type { AgencyFiguresSpec, DashboardAgency, SchemaAgencyFigures } from './figureTypes';

const everywhere = (text: string): Text3 => ({ nl: text, fr: text, en: text });

/**
 * The dashboard's agencies in the schema's order, each figure named by the agency's figures.json
 * or, without one, by the schema's description (the same text in every language), so that a new
 * agency's figures appear, named, before anyone translates them. No React, no Vite: unit-tested.
 */
export function assembleDashboard(
  schema: readonly SchemaAgencyFigures[],
  specs: readonly AgencyFiguresSpec[],
  cards: readonly Pick<AgencyCardSpec, 'agency' | 'title'>[],
): DashboardAgency[] {
  return schema.map(({ agency, field, fields }) => {
    const spec = specs.find((candidate) => candidate.agency === agency);
    return {
      agency,
      field,
      title: spec?.title,
      cardTitle: cards.find((card) => card.agency === agency)?.title,
      labels: spec?.labels ?? {},
      figures: fields.map((figure) => ({ ...figure, title: spec?.figures[figure.name] ?? everywhere(figure.description || figure.name) })),
    };
  });
}
