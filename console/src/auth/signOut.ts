import type { ConsoleConfig } from '../config';
import { endSessionUrl } from './oidc';
import { currentSession, signOut } from './session';

/** Forgets the token and, with OpenID Connect, ends the provider's session too. */
export async function signOutEverywhere(config: ConsoleConfig): Promise<void> {
  const idToken = currentSession()?.idToken;
  signOut();
  if (config.signIn !== 'oidc') return;
  const url = await endSessionUrl(config, idToken).catch(() => null);
  if (url) location.assign(url);
}
