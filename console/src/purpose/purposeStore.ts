import { useSyncExternalStore } from 'react';

/** The purposes of use staff choose from in the console. */
export type Purpose = 'INTAKE' | 'CASE_MANAGEMENT' | 'SECURITY_CONFERENCE' | 'EMERGENCY' | 'AUDIT' | 'STATISTICS';

export const MIN_EMERGENCY_REASON = 10;

export interface PurposeState {
  purpose: Purpose;
  /** With SECURITY_CONFERENCE: the conference chosen. */
  conferenceId?: string;
  /** With EMERGENCY: why the glass is broken (at least 10 characters). */
  emergencyReason?: string;
  /** Once EMERGENCY has been used, the banner stays for the rest of the session. */
  emergencyUsed: boolean;
}

let state: PurposeState = { purpose: 'INTAKE', emergencyUsed: false };
const listeners = new Set<() => void>();

/** The purpose every request of the console is sent with, until changed. */
export function currentPurpose(): PurposeState {
  return state;
}

export function choosePurpose(next: { purpose: Purpose; conferenceId?: string; emergencyReason?: string }): void {
  if (next.purpose === 'EMERGENCY' && (next.emergencyReason ?? '').trim().length < MIN_EMERGENCY_REASON) {
    throw new Error('an emergency needs a reason of at least 10 characters');
  }
  if (next.purpose === 'SECURITY_CONFERENCE' && !next.conferenceId) throw new Error('a conference purpose needs a conference');
  state = {
    purpose: next.purpose,
    conferenceId: next.purpose === 'SECURITY_CONFERENCE' ? next.conferenceId : undefined,
    emergencyReason: next.purpose === 'EMERGENCY' ? next.emergencyReason!.trim() : undefined,
    emergencyUsed: state.emergencyUsed || next.purpose === 'EMERGENCY',
  };
  listeners.forEach((listener) => listener());
}

/** A new sign-in starts with the default purpose for the viewer's roles and no banner. */
export function resetPurpose(purpose: Purpose): void {
  state = { purpose, emergencyUsed: false };
  listeners.forEach((listener) => listener());
}

/**
 * A header value for any text: plain when it is printable ASCII, otherwise RFC 8187's
 * `UTF-8''` and the percent-encoded UTF-8 bytes (docs/interface.md, Headers), since a browser sends
 * header values as Latin-1 bytes and refuses anything beyond.
 */
export function headerText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && !text.startsWith("UTF-8''")) return text;
  // encodeURIComponent leaves ' ( ) * as they are; RFC 8187's attr-char does not allow them.
  return `UTF-8''${encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The headers that carry the purpose (docs/interface.md, Headers). */
export function purposeHeaders(purpose: PurposeState = state): Record<string, string> {
  const headers: Record<string, string> = { 'x-purpose-of-use': purpose.purpose };
  if (purpose.conferenceId) headers['x-conference-id'] = purpose.conferenceId;
  if (purpose.emergencyReason) headers['x-emergency-reason'] = headerText(purpose.emergencyReason);
  return headers;
}

export function usePurpose(): PurposeState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
