import { invalidBasis } from './errors';

/**
 * The legal bases a request may claim in its headers, read the same way by the gateway and by
 * every subgraph, before anything is asked of an agency (docs/interface.md, Headers):
 * - `X-Conference-Id`: one conference id, `CONF-` and 6 to 12 digits. Whether that conference is open
 *   and the viewer takes part is the FJC's to say (`requireOpenConference`), checked by the
 *   gateway before planning and by the FJC subgraph again.
 * - `X-Emergency-Reason`: free text of 10 to 1000 characters, in UTF-8. HTTP header values are
 *   bytes, and Node hands them over as latin1: the bytes are decoded as UTF-8 here (and refused
 *   when they are not UTF-8). A client that cannot send raw UTF-8 bytes sends the RFC 8187 form
 *   `UTF-8''` followed by the percent-encoded UTF-8 bytes, e.g. `UTF-8''Dreiging%20met%20een%20mes`;
 *   the gateway forwards every reason to the subgraphs in that form. Control, format (bidi,
 *   zero-width) and line-break characters are removed or made spaces, runs of spaces folded, and
 *   the text normalised (NFC), so what is stored and shown is exactly what was checked.
 */

export const CONFERENCE_ID = /^CONF-\d{6,12}$/;
export const MIN_EMERGENCY_REASON = 10;
export const MAX_EMERGENCY_REASON = 1000;
const EXT_VALUE = /^utf-8''/i;
const PERCENT_ENCODED = /^(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-Fa-f]{2})*$/;

/**
 * A claimed conference id, as sent.
 * @throws INVALID_BASIS (400) unless it is exactly one well-formed conference id.
 */
export function parseConferenceId(raw: string): string {
  if (!CONFERENCE_ID.test(raw)) {
    throw invalidBasis('X-Conference-Id', 'X-Conference-Id must be one conference id such as CONF-000001.', 400);
  }
  return raw;
}

/** The text of a header value: RFC 8187 `UTF-8''%xx...`, or the raw bytes as UTF-8; `null` when neither decodes. */
function decodeText(raw: string): string | null {
  if (EXT_VALUE.test(raw)) {
    const encoded = raw.replace(EXT_VALUE, '');
    if (!PERCENT_ENCODED.test(encoded)) return null;
    try {
      return decodeURIComponent(encoded);
    } catch {
      return null; // percent-encoded bytes that are not UTF-8
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'latin1'));
  } catch {
    return null;
  }
}

/** Free text as it may be stored and shown: no control, format or separator characters, spaces folded, NFC. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * A claimed emergency reason, decoded and cleaned (see above).
 * @param raw - the header value as Node delivers it (latin1 of the bytes sent), trimmed and not empty.
 * @throws INVALID_BASIS (400) when it is not UTF-8 or not 10 to 1000 characters once cleaned.
 */
export function parseEmergencyReason(raw: string): string {
  const text = decodeText(raw);
  if (text === null) {
    throw invalidBasis('X-Emergency-Reason', "X-Emergency-Reason must be UTF-8 text, sent as is or as UTF-8'' and percent-encoded bytes.", 400);
  }
  const reason = cleanText(text);
  const length = [...reason].length;
  if (length < MIN_EMERGENCY_REASON || length > MAX_EMERGENCY_REASON) {
    throw invalidBasis('X-Emergency-Reason', `X-Emergency-Reason must be ${MIN_EMERGENCY_REASON} to ${MAX_EMERGENCY_REASON} characters of text.`, 400);
  }
  return reason;
}

/** A reason as the gateway forwards it to the subgraphs: ASCII only, in the RFC 8187 form `parseEmergencyReason` reads back unchanged. */
export function encodeEmergencyReason(reason: string): string {
  // encodeURIComponent leaves ' ( ) * as they are; RFC 8187's attr-char does not allow them.
  return `UTF-8''${encodeURIComponent(reason).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
