import { parseRegistry, type AgencyEntry } from '../../lib/agencies';
import type { AgencySpec } from './spec';
import { SpecError } from './spec';

/** The registry entry of a new agency: the next free port offset, `involved` an INVOLVEMENT fact. */
export function entryOf(spec: AgencySpec, registry: readonly AgencyEntry[]): AgencyEntry {
  if (registry.some((entry) => entry.id === spec.id)) throw new SpecError(`the registry already lists an agency ${spec.id}.`);
  if (registry.some((entry) => entry.field === spec.field)) throw new SpecError(`the registry already has an agency with the field ${spec.field}.`);
  return {
    id: spec.id,
    names: spec.names,
    field: spec.field,
    portOffset: Math.max(...registry.map((entry) => entry.portOffset)) + 1,
    involvedCategory: 'INVOLVEMENT',
    perpetratorSide: spec.perpetratorSide,
  };
}

/** One entry as the registry file writes it: one line per attribute, the names on one line. */
export function formatEntry(entry: AgencyEntry): string {
  return `    {
      "id": ${JSON.stringify(entry.id)},
      "names": { "nl": ${JSON.stringify(entry.names.nl)}, "fr": ${JSON.stringify(entry.names.fr)}, "en": ${JSON.stringify(entry.names.en)} },
      "field": ${JSON.stringify(entry.field)},
      "portOffset": ${entry.portOffset},
      "involvedCategory": ${JSON.stringify(entry.involvedCategory)},
      "perpetratorSide": ${entry.perpetratorSide}
    }`;
}

/**
 * The registry file's text with `entry` added last, written as the file writes its entries.
 * @throws SpecError when the file does not end as the registry does, or the result is no valid registry.
 */
export function withEntry(text: string, entry: AgencyEntry): string {
  const end = /\n  \]\n\}\n?$/.exec(text);
  if (!end) throw new SpecError('subgraphs/agencies.json does not end with its list of agencies: add the entry by hand.');
  const added = `${text.slice(0, end.index)},\n${formatEntry(entry)}\n  ]\n}\n`;
  parseRegistry(JSON.parse(added));
  return added;
}
