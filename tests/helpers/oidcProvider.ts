import { exportJWK, generateKeyPair } from 'jose';

/**
 * A real OpenID Connect provider (the `oidc-provider` package, a certified implementation) standing
 * in for Keycloak in the console's sign-in test. Run as its own process (the package is an ES
 * module, which Jest cannot load): `node --import tsx tests/helpers/oidcProvider.ts`, with
 * OIDC_PORT, OIDC_CLIENT_ID and OIDC_REDIRECT_URI; prints `ready <issuer>` once listening.
 *
 * Access tokens are JWTs (resource indicators) for audience `oneroof`, carrying the claims the
 * gateway requires: `agency`, `roles` and `name`, from the account that signs in. Sign in on the
 * provider's development login page with any password, as one of ACCOUNTS.
 */
const ACCOUNTS: Record<string, { name: string; agency: string; roles: string[] }> = {
  'fjc-staff-2': { name: 'Case manager (OIDC)', agency: 'fjc', roles: ['CASE_MANAGER'] },
  'fjc-staff-1': { name: 'Front desk (OIDC)', agency: 'fjc', roles: ['FRONT_DESK'] },
};
const RESOURCE = 'urn:oneroof:api';

async function main(): Promise<void> {
  const port = Number(process.env.OIDC_PORT);
  // Another host name than the gateway's 127.0.0.1: cookies are kept per host, whatever the port.
  const issuer = `http://localhost:${port}`;
  const redirectUri = process.env.OIDC_REDIRECT_URI!;
  const { default: Provider } = (await import('oidc-provider' as string)) as { default: new (issuer: string, config: object) => { listen(port: number, host: string, cb: () => void): void; proxy: boolean } };
  const signing = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.OIDC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [new URL('/signin', redirectUri).href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(rsa.privateKey)), alg: 'RS256', use: 'sig', kid: 'rsa' }, { ...(await exportJWK(signing.privateKey)), alg: 'ES256', use: 'sig', kid: 'es' }] },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) =>
      ACCOUNTS[sub] ? { accountId: sub, claims: () => ({ sub, name: ACCOUNTS[sub]!.name }) } : undefined,
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => {
      const account = token.accountId ? ACCOUNTS[token.accountId] : undefined;
      return account ? { name: account.name, agency: account.agency, roles: account.roles } : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid', audience: 'oneroof', accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
      },
    },
  });
  provider.listen(port, 'localhost', () => process.stdout.write(`ready ${issuer}\n`));
}

void main();
