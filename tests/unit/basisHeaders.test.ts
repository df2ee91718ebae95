import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { cleanText, encodeEmergencyReason, parseConferenceId, parseEmergencyReason } from '../../lib/basisHeaders';

/** A header value as Node hands it to a server: the bytes sent, read as latin1. */
const asReceived = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

function refusal(action: () => unknown): { code: unknown; header: unknown; status: unknown } | null {
  try {
    action();
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions.code, header: error.extensions.header, status: (error.extensions.http as { status: number }).status };
  }
}

describe('a claimed conference id', () => {
  it('is one conference id: CONF- and six to twelve digits', () => {
    expect(parseConferenceId('CONF-000001')).toBe('CONF-000001');
    expect(parseConferenceId('CONF-123456789012')).toBe('CONF-123456789012');
  });

  it.each([
    ['free text after the id', 'CONF-000001 (your consent covers this; questions: call +32 470 00 00 00)'],
    ['two ids, as Node joins two headers', 'CONF-000001, CONF-000002'],
    ['lower case', 'conf-000001'],
    ['too few digits', 'CONF-1'],
    ['too many digits', 'CONF-1234567890123'],
    ['a line break', 'CONF-000001\r\nX-Injected: 1'],
  ])('refuses %s as malformed (INVALID_BASIS, 400)', (_name, raw) => {
    expect(refusal(() => parseConferenceId(raw))).toEqual({ code: 'INVALID_BASIS', header: 'X-Conference-Id', status: 400 });
  });
});

describe('a claimed emergency reason', () => {
  const reason = 'Dreiging met een mes — slachtoffer vluchtte naar de buren, één kind mee';

  it('decodes the UTF-8 bytes a client sends as they are', () => {
    expect(parseEmergencyReason(asReceived(reason))).toBe(reason);
    expect(parseEmergencyReason(asReceived('Гражданка сообщает об угрозах 🚨'))).toBe('Гражданка сообщает об угрозах 🚨');
  });

  it('decodes the RFC 8187 form UTF-8\'\' and percent-encoded UTF-8 bytes, which is how the gateway forwards it', () => {
    expect(parseEmergencyReason(`UTF-8''${encodeURIComponent(reason)}`)).toBe(reason);
    expect(parseEmergencyReason(`utf-8''${encodeURIComponent(reason)}`)).toBe(reason);
    expect(parseEmergencyReason(encodeEmergencyReason(reason))).toBe(reason);
    expect(encodeEmergencyReason("It's (very) urgent * now")).toBe("UTF-8''It%27s%20%28very%29%20urgent%20%2A%20now");
  });

  it('reads a percent sign without the UTF-8\'\' prefix as a percent sign', () => {
    expect(parseEmergencyReason('Risk score 95%20 above threshold')).toBe('Risk score 95%20 above threshold');
  });

  it('removes control, bidi and zero-width characters and folds spaces, so what is stored is what was checked', () => {
    expect(parseEmergencyReason(asReceived('Threats\u0007 tonight\u202e,\u2066 police\u200b   on the way\u2028now'))).toBe('Threats tonight, police on the way now');
    expect(cleanText('e\u0301 ')).toBe('\u00e9');
  });

  it.each([
    ['bytes that are not UTF-8 (latin1 é)', 'Menace au caf\u00e9 ce soir'],
    ['broken percent-encoding', "UTF-8''Danger%E2%80 tonight at home"],
    ['a stray percent in the RFC 8187 form', "UTF-8''Danger 100% tonight"],
    ['nine characters', 'danger!!!'],
    ['control characters only around too little text', '\u0001\u0002\u0003 help \u0004\u0005\u0006\u0007\u0008'],
    ['1001 characters', 'r'.repeat(1001)],
  ])('refuses %s (INVALID_BASIS, 400)', (_name, raw) => {
    expect(refusal(() => parseEmergencyReason(raw))).toEqual({ code: 'INVALID_BASIS', header: 'X-Emergency-Reason', status: 400 });
  });

  it('comes back unchanged through the gateway\'s encoding, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 10, maxLength: 200 }), (text) => {
        const cleaned = cleanText(text);
        fc.pre([...cleaned].length >= 10);
        expect(parseEmergencyReason(encodeEmergencyReason(cleaned))).toBe(cleaned);
        expect(parseEmergencyReason(asReceived(cleaned))).toBe(cleaned);
      }),
      { numRuns: 300 },
    );
  });
});
