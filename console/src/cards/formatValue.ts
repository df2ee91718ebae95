import type { I18n } from '../i18n/catalog';
import type { CardColumn } from './cardTypes';

/** One value of a record as a person reads it: dates and numbers in the locale, enum values translated. */
export function formatValue(i18n: I18n, column: CardColumn, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const label = (raw: unknown) => i18n.pick(column.values?.[String(raw)], String(raw));
  switch (column.format ?? 'text') {
    case 'date':
      return i18n.date(String(value));
    case 'datetime':
      return i18n.dateTime(String(value));
    case 'boolean':
      return i18n.t(value ? 'common.yes' : 'common.no');
    case 'number':
      return typeof value === 'number' ? i18n.number(value) : String(value);
    case 'enum':
      return label(value);
    case 'enumList':
      return Array.isArray(value) ? (value.length === 0 ? i18n.t('common.none') : value.map(label).join(', ')) : label(value);
    case 'textList':
      return Array.isArray(value) ? (value.length === 0 ? i18n.t('common.none') : value.map(String).join('; ')) : String(value);
    default:
      return String(value);
  }
}
