import { useSyncExternalStore } from 'react';

/**
 * The signed-in staff member, kept in this page's memory only: never in localStorage,
 * sessionStorage or a cookie, so closing the tab signs out and no other page can read the token.
 */
export interface Viewer {
  sub: string;
  name: string;
  agency: string;
  roles: string[];
}

export interface Session {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  viewer: Viewer;
  /** An OpenID Connect ID token, for signing out at the provider. */
  idToken?: string;
}

interface State {
  session: Session | null;
  /** True once the token has expired or been refused: the console asks to sign in again. */
  expired: boolean;
}

let state: State = { session: null, expired: false };
const listeners = new Set<() => void>();
let waiting: Array<() => void> = [];
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function set(next: State): void {
  state = next;
  listeners.forEach((listener) => listener());
}

/** The claims of a JWT, read for display only: the gateway and every agency verify it. */
export function viewerOf(token: string): Viewer {
  const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  return {
    sub: String(payload.sub ?? ''),
    name: String(payload.name ?? payload.preferred_username ?? payload.sub ?? ''),
    agency: String(payload.agency ?? ''),
    roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
  };
}

/** Starts (or renews) the session; requests that waited for a new sign-in go ahead. */
export function signIn(session: Session): void {
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(expire, Math.max(0, session.expiresAt - Date.now()));
  set({ session, expired: false });
  const resume = waiting;
  waiting = [];
  resume.forEach((go) => go());
}

/** Marks the session expired: the page stays as it is, under a dialog that asks to sign in again. */
export function expire(): void {
  if (state.session && !state.expired) set({ ...state, expired: true });
}

/** Forgets the session entirely. */
export function signOut(): void {
  clearTimeout(expiryTimer);
  waiting = [];
  set({ session: null, expired: false });
}

/** Resolves once the viewer has signed in again (at once when the session is valid). */
export function renewed(): Promise<void> {
  if (state.session && !state.expired) return Promise.resolve();
  return new Promise((resolve) => waiting.push(resolve));
}

export function currentSession(): Session | null {
  return state.session;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): State {
  return useSyncExternalStore(subscribe, () => state);
}
