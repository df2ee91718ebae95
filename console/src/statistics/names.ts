import { agencyOf } from '../agencies';
import type { I18n } from '../i18n/catalog';
import type { DashboardAgency, DashboardFigure } from './figureTypes';

/** An agency's name: its figures.json, else the registry's, else its card's title, else its id. */
export function agencyTitle(i18n: I18n, agency: DashboardAgency): string {
  if (agency.title) return i18n.pick(agency.title);
  const registered = agencyOf(agency.agency);
  if (registered) return registered.names[i18n.locale];
  return i18n.pick(agency.cardTitle, agency.agency);
}

/** A breakdown's label in the reader's language (as the agency names it), or as the API gives it. */
export function labelTitle(i18n: I18n, agency: DashboardAgency, figure: DashboardFigure, label: string): string {
  if (!figure.list) return i18n.t('dashboard.count');
  return i18n.pick(agency.labels[label], label);
}
