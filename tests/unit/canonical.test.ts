import { canonicalJson, chainHash, hashedColumns, linkHash, type ChainedRow } from '../../lib/kit/disclosure/canonical';
import { ROW_COLUMNS } from '../../lib/kit/disclosure/record';
import { OUTCOME_COLUMNS } from '../../lib/kit/disclosure/outcomes';
import { REVIEW_COLUMNS } from '../../lib/kit/disclosure/review';
import { createRandom } from '../../lib/seed/random';

/** Text a row may hold: quotes, backslashes, controls, accents, astral characters, lone surrogates. */
const PIECES = ['a', 'Zoë', '"', '\\', '\n', '\u0000', '\u2028', 'é', '😀', '\ud800', '[', '{"x":1}', ' '];

function randomRow(columns: readonly string[], random: ReturnType<typeof createRandom>): ChainedRow {
  const row: Record<string, string | number | null> = {};
  for (const column of columns) {
    const kind = random.int(0, 3);
    row[column] = kind === 0 ? null : kind === 1 ? random.int(-5, 1_000_000) : Array.from({ length: random.int(0, 6) }, () => random.pick(PIECES)).join('');
  }
  row.prev_hash = 'f'.repeat(64);
  row.hash = '';
  return row as ChainedRow;
}

describe('the hash of a chained row', () => {
  it('is chainHash(prev_hash, row without hash), byte for byte, for every table and any content', () => {
    const random = createRandom(17);
    for (const columns of [ROW_COLUMNS, REVIEW_COLUMNS, OUTCOME_COLUMNS]) {
      const hashed = hashedColumns(columns);
      for (let i = 0; i < 300; i += 1) {
        const row = randomRow(columns, random);
        const { hash: _ignored, ...rest } = row;
        expect(linkHash(row, hashed)).toBe(chainHash(row.prev_hash, rest));
      }
    }
  });

  it('refuses a row missing a column rather than hash something else', () => {
    const hashed = hashedColumns(['seq', 'prev_hash', 'hash']);
    expect(() => linkHash({ prev_hash: 'x', hash: '' } as unknown as ChainedRow, hashed)).toThrow(TypeError);
  });

  it('serialises a sorted list of strings as JSON.stringify does (the fields column)', () => {
    const random = createRandom(3);
    for (let i = 0; i < 200; i += 1) {
      const list = Array.from({ length: random.int(0, 8) }, () => random.pick(PIECES) + random.pick(PIECES)).sort();
      expect(JSON.stringify(list)).toBe(canonicalJson(list));
    }
  });
});
