/** The console's runtime configuration, served by the gateway at /console/config.json. */
export type ConsoleConfig =
  | { signIn: 'development' }
  | { signIn: 'oidc'; issuer: string; clientId: string; redirectUri: string; scope: string }
  | { signIn: 'none' };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { cache: 'no-store' });
  if (!response.ok) return { signIn: 'none' };
  return (await response.json()) as ConsoleConfig;
}
