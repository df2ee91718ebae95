import { CATEGORIES, type Category } from '../../lib/categories';

/** What `npm run agency:new` is told, checked. */
export interface AgencySpec {
  id: string;
  names: { nl: string; fr: string; en: string };
  /** The agency's field on `Client`, `Statistics` and the audit entities, e.g. `victimSupport`. */
  field: string;
  /** The category of the records the new agency holds (`@sensitive` on every field of them). */
  category: Category;
  perpetratorSide: boolean;
}

/** The names the generated code uses, from the spec. */
export interface AgencyNames extends AgencySpec {
  /** PascalCase of the field, the prefix of the agency's types: `VictimSupport`. */
  type: string;
  /** UPPER_SNAKE of the field: `VICTIM_SUPPORT`. */
  constant: string;
  /** The prefix of the agency's synthetic person ids: `VS`. */
  personPrefix: string;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FIELD = /^[a-z][A-Za-z0-9]*$/;

export class SpecError extends Error {}

/**
 * Reads the command's arguments: `--id`, `--name`, `--field`, and optionally `--name-nl`,
 * `--name-fr`, `--category`, `--perpetrator-side`, `--root`.
 * @throws SpecError saying what is missing or wrong.
 */
export function parseArguments(args: readonly string[]): { spec: AgencySpec; root: string | undefined } {
  const values = new Map<string, string>();
  let perpetratorSide = false;
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i]!;
    if (flag === '--perpetrator-side') {
      perpetratorSide = true;
      continue;
    }
    const value = args[i + 1];
    if (!['--id', '--name', '--field', '--name-nl', '--name-fr', '--category', '--root'].includes(flag)) throw new SpecError(`unknown option ${flag}.`);
    if (value === undefined || value.startsWith('--')) throw new SpecError(`${flag} needs a value.`);
    values.set(flag, value);
    i += 1;
  }
  const id = values.get('--id');
  const name = values.get('--name')?.trim();
  const field = values.get('--field');
  if (!id || !ID.test(id)) throw new SpecError('--id is required: lower-case words joined by "-", e.g. victim-support.');
  if (!name) throw new SpecError('--name is required: the agency\'s name in English, e.g. "Victim support".');
  if (!field || !FIELD.test(field)) throw new SpecError('--field is required: the agency\'s field on Client in camelCase, e.g. victimSupport.');
  const category = values.get('--category') ?? 'SAFETY';
  if (!(CATEGORIES as readonly string[]).includes(category)) throw new SpecError(`--category must be one of ${CATEGORIES.join(', ')}.`);
  return {
    spec: {
      id,
      names: { nl: values.get('--name-nl')?.trim() || name, fr: values.get('--name-fr')?.trim() || name, en: name },
      field,
      category: category as Category,
      perpetratorSide,
    },
    root: values.get('--root'),
  };
}

/** The names the generated code uses. */
export function namesOf(spec: AgencySpec): AgencyNames {
  const type = spec.field[0]!.toUpperCase() + spec.field.slice(1);
  const constant = spec.field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  const words = spec.id.split('-');
  const personPrefix = (words.length > 1 ? words.map((w) => w[0]!).join('') : spec.id.slice(0, 2)).toUpperCase();
  return { ...spec, type, constant, personPrefix };
}
