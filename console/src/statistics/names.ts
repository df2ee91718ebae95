import type { MessageKey } from '../i18n/en';
import { CATALOGUES, type I18n } from '../i18n/catalog';
import type { DashboardAgency, DashboardFigure } from './figureTypes';

/** An agency's name: its figures.json, else the console's catalogue, else its card's title, else its id. */
export function agencyTitle(i18n: I18n, agency: DashboardAgency): string {
  if (agency.title) return i18n.pick(agency.title);
  const key = `agency.${agency.agency}`;
  if (key in CATALOGUES[i18n.locale]) return i18n.t(key as MessageKey);
  return i18n.pick(agency.cardTitle, agency.agency);
}

/** A breakdown's label in the reader's language (as the agency names it), or as the API gives it. */
export function labelTitle(i18n: I18n, agency: DashboardAgency, figure: DashboardFigure, label: string): string {
  if (!figure.list) return i18n.t('dashboard.count');
  return i18n.pick(agency.labels[label], label);
}
