import { AGENCIES, agencyPortOffset } from '../../lib/agencies';
import { DEV_ISSUER } from '../../lib/auth/devIssuer';
import { ConfigError, loadConfig } from '../../lib/config';

describe('configuration', () => {
  it('defaults to the local ports, ./data and the development issuer', () => {
    const config = loadConfig({});
    expect(config.production).toBe(false);
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphUrls).toEqual(Object.fromEntries(AGENCIES.map((agency) => [agency, `http://localhost:${4001 + agencyPortOffset(agency)}/graphql`])));
    expect(config.subgraphUrls.fjc).toBe('http://localhost:4001/graphql');
    expect(config.subgraphUrls['mental-health']).toBe('http://localhost:4007/graphql');
    expect(config.auth).toMatchObject({ mode: 'development', issuer: DEV_ISSUER, audience: 'oneroof' });
  });

  it('moves every subgraph with ONEROOF_SUBGRAPH_BASE_PORT and takes per-agency URLs', () => {
    const config = loadConfig({ ONEROOF_SUBGRAPH_BASE_PORT: '5001', ONEROOF_SUBGRAPH_URL_YOUTH_CARE: 'http://youth-care:4005/graphql' });
    expect(config.subgraphUrls.fjc).toBe('http://localhost:5001/graphql');
    expect(config.subgraphUrls['mental-health']).toBe('http://localhost:5007/graphql');
    expect(config.subgraphUrls['youth-care']).toBe('http://youth-care:4005/graphql');
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  });

  it('refuses to run production on the development issuer', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ONEROOF_JWKS_URL and ONEROOF_ISSUER/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', ONEROOF_JWKS_URL: 'https://idp.example/jwks', ONEROOF_ISSUER: DEV_ISSUER }),
    ).toThrow(/development issuer/);
  });

  it('accepts production with an identity provider over https', () => {
    const config = loadConfig({ NODE_ENV: 'production', ONEROOF_JWKS_URL: 'https://idp.example/jwks', ONEROOF_ISSUER: 'https://idp.example' });
    expect(config.auth).toEqual({
      mode: 'jwks', jwksUrl: 'https://idp.example/jwks', issuer: 'https://idp.example', audience: 'oneroof',
      lifetime: { maxSeconds: 14_400, clockSkewSeconds: 60 },
    });
  });

  it('reads the maximum token lifetime and clock skew, and refuses nonsense', () => {
    expect(loadConfig({ ONEROOF_TOKEN_MAX_LIFETIME_SECONDS: '3600', ONEROOF_TOKEN_CLOCK_SKEW_SECONDS: '0' }).auth.lifetime).toEqual({ maxSeconds: 3600, clockSkewSeconds: 0 });
    expect(() => loadConfig({ ONEROOF_TOKEN_MAX_LIFETIME_SECONDS: '4h' })).toThrow(/ONEROOF_TOKEN_MAX_LIFETIME_SECONDS must be a whole number of at least 60/);
    expect(() => loadConfig({ ONEROOF_TOKEN_CLOCK_SKEW_SECONDS: '-5' })).toThrow(/ONEROOF_TOKEN_CLOCK_SKEW_SECONDS/);
  });
});

describe("the console's OpenID Connect settings", () => {
  const OIDC = { ONEROOF_OIDC_ISSUER: 'https://login.example.org/realms/fjc', ONEROOF_OIDC_CLIENT_ID: 'oneroof-console', ONEROOF_OIDC_REDIRECT_URI: 'https://oneroof.example.org/callback' };
  const PRODUCTION = { NODE_ENV: 'production', ONEROOF_JWKS_URL: 'https://login.example.org/certs', ONEROOF_ISSUER: 'https://login.example.org/realms/fjc' };

  it('are absent by default: the console signs in with the development identities', () => {
    expect(loadConfig({}).consoleOidc).toBeUndefined();
  });

  it('are read whole, with the default scope', () => {
    expect(loadConfig(OIDC).consoleOidc).toEqual({ issuer: OIDC.ONEROOF_OIDC_ISSUER, clientId: 'oneroof-console', redirectUri: OIDC.ONEROOF_OIDC_REDIRECT_URI, scope: 'openid' });
    expect(loadConfig({ ...OIDC, ONEROOF_OIDC_SCOPE: 'openid profile' }).consoleOidc?.scope).toBe('openid profile');
  });

  it('are refused when only some are set, naming the missing ones', () => {
    expect(() => loadConfig({ ONEROOF_OIDC_ISSUER: OIDC.ONEROOF_OIDC_ISSUER })).toThrow('ONEROOF_OIDC_CLIENT_ID and ONEROOF_OIDC_REDIRECT_URI');
  });

  it('need https in production, and accept http outside it', () => {
    const plain = { ...OIDC, ONEROOF_OIDC_ISSUER: 'http://login.example.org/realms/fjc' };
    expect(() => loadConfig({ ...PRODUCTION, ...plain })).toThrow('ONEROOF_OIDC_ISSUER must be an https:// URL in production.');
    expect(loadConfig({ ...PRODUCTION, ...OIDC }).consoleOidc?.issuer).toBe(OIDC.ONEROOF_OIDC_ISSUER);
    expect(loadConfig(plain).consoleOidc?.issuer).toBe('http://login.example.org/realms/fjc');
    expect(() => loadConfig({ ...OIDC, ONEROOF_OIDC_REDIRECT_URI: 'not a url' })).toThrow('ONEROOF_OIDC_REDIRECT_URI must be a URL');
  });
});
