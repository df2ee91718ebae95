import { GraphQLError } from 'graphql';
import { causeOf } from '../../lib/http/errorLog';

describe('the cause of an internal error, as logged', () => {
  it('keeps the first words of graphql-js and SQLite messages, never the value after them', () => {
    expect(causeOf(new GraphQLError('Enum "ViolenceKind" cannot represent value: "TELEPATHIC"'))).toBe('Enum "ViolenceKind" cannot represent value');
    expect(causeOf(new GraphQLError('String cannot represent value: { name: "Jane" }'))).toBe('String cannot represent value');
    expect(causeOf(new GraphQLError('Cannot return null for non-nullable field Client.id.'))).toBe('Cannot return null for non-nullable field Client.id');
    const unique = Object.assign(new Error('UNIQUE constraint failed: consents.form_number'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(causeOf(new GraphQLError('wrapped', { originalError: unique }))).toBe('SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed');
    expect(causeOf(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe('SQLITE_BUSY: database is locked');
  });

  it('names only the class of any other error, whose message may quote person data', () => {
    expect(causeOf(new TypeError('no client named Jane Doe'))).toBe('TypeError');
    expect(causeOf(new GraphQLError('wrapped', { originalError: new RangeError('Jane Doe, 1980-02-03') }))).toBe('RangeError');
    expect(causeOf('a thrown string')).toBe('string');
  });
});
