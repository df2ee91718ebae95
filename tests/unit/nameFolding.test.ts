import { openSqliteStore } from '../../lib/kit/store/sqlite';
import { MIGRATIONS } from '../../subgraphs/fjc/migrations';
import { foldNamePart, hasForbiddenNameCharacter, nameKey, nameTokens } from '../../subgraphs/fjc/nameFolding';

describe('folding names for search and duplicates', () => {
  it.each([
    ['Çelik', 'celik'],
    ['ÇELİK', 'celik'],
    ['Ørsted', 'orsted'],
    ['Zoë', 'zoe'],
    ['ｋａｔｉｅ', 'katie'],
    ['Аnnа', 'anna'], // Cyrillic А and а
    ['ΑΝΝΑ', 'anna'], // Greek capitals
    ['Ιlse', 'ilse'], // Greek capital iota
  ])('folds %s to %s', (part, folded) => {
    expect(foldNamePart(part)).toBe(folded);
  });

  it('keeps distinct Latin names distinct', () => {
    expect(foldNamePart('Ilse')).not.toBe(foldNamePart('Else'));
    expect(nameKey('Anna Peeters')).not.toBe(nameKey('Hanna Peeters'));
  });

  it('splits a name into its folded parts at spaces, hyphens and apostrophes', () => {
    expect(nameTokens("Van Hoek-Çelik D'Hondt")).toEqual(['van', 'hoek', 'celik', 'd', 'hondt']);
  });

  it('gives the same key to the same parts in another order', () => {
    expect(nameKey('Peeters Anna')).toBe(nameKey('anna PEETERS'));
  });

  it.each([
    ['a zero-width space', 'An\u200Bna'],
    ['a right-to-left override', '\u202EAnna'],
    ['a bell', 'An\u0007na'],
    ['a line separator', 'An\u2028na'],
    ['a private-use character', 'An\uE000na'],
  ])('refuses %s in a name', (_what, name) => {
    expect(hasForbiddenNameCharacter(name)).toBe(true);
  });

  it('accepts letters of any script, marks, apostrophes and hyphens', () => {
    expect(hasForbiddenNameCharacter("Zoë-Anaïs D'Hondt Παπαδόπουλος Ковальчук")).toBe(false);
  });
});

describe('the name-part index of an existing FJC store', () => {
  it('is filled for the clients registered before it existed', () => {
    const before = MIGRATIONS.filter((m) => m.version < 6);
    const store = openSqliteStore(':memory:', before);
    store.run(`INSERT INTO clients (id, first_name, last_name, date_of_birth, gender, language, interpreter_needed,
      address_protected, registered_at, registered_by) VALUES ('FJC-000001', 'Ayşe', 'Van Çelik', '1980-01-01', 'FEMALE', 'nl', 0, 0, '2026-01-01', 'seed')`);
    const db = store.db;
    // Re-open the same database with every migration: version 6 indexes the client already there.
    const next = MIGRATIONS.find((m) => m.version === 6)!;
    db.transaction(() => {
      db.exec(next.sql);
      next.run!(db);
    })();
    expect(db.prepare('SELECT token FROM client_name_tokens ORDER BY token').all()).toEqual([{ token: 'ayse' }, { token: 'celik' }, { token: 'van' }]);
    store.close();
  });
});
