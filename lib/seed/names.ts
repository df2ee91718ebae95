import type { Random } from './random';

// Invented names, built from syllables so that no fixture is a real person or a real address.
const FIRST_A = ['Ae', 'Bri', 'Ca', 'Dela', 'El', 'Fe', 'Gi', 'Ha', 'Ile', 'Jo', 'Ka', 'Li', 'Mo', 'Ne', 'Ori', 'Pa', 'Ro', 'Sa', 'Ti', 'Va', 'Wi', 'Ze'];
const FIRST_B = ['na', 'ra', 'lin', 'mie', 'sa', 'ne', 'lya', 'ro', 'dis', 'ka', 'vi', 'ren', 'tos', 'mar', 'bert', 'lan'];
const LAST_A = ['Van', 'De', 'Ver', 'Op', 'Ter', 'Ul', 'Bro', 'Kla', 'Mer', 'Stro', 'Wou', 'Zan'];
const LAST_B = ['hoek', 'dael', 'brem', 'kest', 'molt', 'sande', 'vroon', 'gaert', 'lier', 'dorp', 'wijk', 'rode'];
const STREET = ['Synthe', 'Proef', 'Model', 'Fictie', 'Schets', 'Ontwerp', 'Voorbeeld', 'Maquette'];
const STREET_KIND = ['straat', 'laan', 'plein', 'dreef', 'lei'];
/** Municipalities of the region, with postal codes: places, not addresses. */
export const MUNICIPALITIES = [
  { postalCode: '2000', name: 'Antwerpen' },
  { postalCode: '2060', name: 'Antwerpen' },
  { postalCode: '2100', name: 'Deurne' },
  { postalCode: '2800', name: 'Mechelen' },
  { postalCode: '2850', name: 'Boom' },
  { postalCode: '2845', name: 'Niel' },
  { postalCode: '2830', name: 'Willebroek' },
  { postalCode: '2640', name: 'Mortsel' },
] as const;

export function firstName(random: Random): string {
  return random.pick(FIRST_A) + random.pick(FIRST_B);
}

export function lastName(random: Random): string {
  const a = random.pick(LAST_A);
  const b = random.pick(LAST_B);
  return a.endsWith('n') || a.endsWith('e') || a.endsWith('r') ? `${a} ${b[0].toUpperCase()}${b.slice(1)}` : a + b;
}

export interface SyntheticAddress {
  street: string;
  postalCode: string;
  municipality: string;
}

export function address(random: Random): SyntheticAddress {
  const place = random.pick(MUNICIPALITIES);
  return {
    street: `${random.pick(STREET)}${random.pick(STREET_KIND)} ${random.int(1, 240)}`,
    postalCode: place.postalCode,
    municipality: place.name,
  };
}

/** A phone number in a range no operator hands out (+32 499 00 ..). */
export function phone(random: Random): string {
  return `+32 499 00 ${String(random.int(0, 99)).padStart(2, '0')} ${String(random.int(0, 99)).padStart(2, '0')}`;
}
