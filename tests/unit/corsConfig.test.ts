import { ConfigError, loadConfig } from '../../lib/config';

/** `ONEROOF_CORS_ORIGINS`: exact origins or a clear refusal at start, never a guess. */
const PRODUCTION = { NODE_ENV: 'production', ONEROOF_JWKS_URL: 'https://idp.example/jwks', ONEROOF_ISSUER: 'https://idp.example' };
const origins = (value: string | undefined, env: Record<string, string> = {}) => loadConfig({ ...env, ONEROOF_CORS_ORIGINS: value }).corsOrigins;
const refusal = (value: string, env: Record<string, string> = {}) => {
  try {
    origins(value, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`"${value}" was accepted`);
};

describe('ONEROOF_CORS_ORIGINS', () => {
  it('allows no origin by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(origins('')).toEqual([]);
    expect(origins('  ')).toEqual([]);
  });

  it('takes a comma-separated list of exact origins, spaces around them ignored and repeats dropped', () => {
    expect(origins('https://dashboard.example.org, http://localhost:8080,https://dashboard.example.org')).toEqual([
      'https://dashboard.example.org', 'http://localhost:8080',
    ]);
    expect(origins('http://127.0.0.1:5500')).toEqual(['http://127.0.0.1:5500']);
  });

  it('refuses the wildcard', () => {
    expect(refusal('*')).toBe('ONEROOF_CORS_ORIGINS: "*" is refused: list each dashboard\'s exact origin, e.g. https://dashboard.example.org.');
    expect(refusal('https://dashboard.example.org,*')).toMatch(/"\*" is refused/);
  });

  it.each([
    ['https://dashboard.example.org/', 'https://dashboard.example.org'],
    ['https://dashboard.example.org/charts', 'https://dashboard.example.org'],
    ['https://Dashboard.Example.org', 'https://dashboard.example.org'],
    ['https://dashboard.example.org:443', 'https://dashboard.example.org'],
    ['http://localhost:80', 'http://localhost'],
    ['https://user@dashboard.example.org', 'https://dashboard.example.org'],
    ['https://dashboard.example.org?x=1', 'https://dashboard.example.org'],
  ])('refuses %s, naming the exact origin to write instead', (value, exact) => {
    expect(refusal(value)).toBe(
      `ONEROOF_CORS_ORIGINS: "${value}" is not an exact origin: write ${exact} (no path, no trailing slash, no default port, lower case).`,
    );
  });

  it.each([
    ['dashboard.example.org', 'is not an origin: write scheme and host, e.g. https://dashboard.example.org.'],
    ['null', 'is not an origin: write scheme and host, e.g. https://dashboard.example.org.'],
    ['ftp://dashboard.example.org', 'is not an http(s) origin.'],
    ['file:///home/me/dashboard.html', 'is not an http(s) origin.'],
  ])('refuses %s, which is no http(s) origin', (value, why) => {
    expect(refusal(value)).toBe(`ONEROOF_CORS_ORIGINS: "${value}" ${why}`);
  });

  it('refuses an empty entry between commas', () => {
    expect(refusal('https://a.example,,https://b.example')).toBe('ONEROOF_CORS_ORIGINS: "" is empty: separate origins with single commas.');
    expect(refusal('https://a.example,')).toMatch(/is empty/);
  });

  it('accepts only https origins in production, and http ones elsewhere', () => {
    expect(origins('https://dashboard.example.org', PRODUCTION)).toEqual(['https://dashboard.example.org']);
    expect(refusal('http://dashboard.example.org', PRODUCTION)).toBe(
      'ONEROOF_CORS_ORIGINS: "http://dashboard.example.org" is refused in production: a bearer token travels from that page, so it must be served over https.',
    );
    expect(origins('http://dashboard.example.org')).toEqual(['http://dashboard.example.org']);
  });
});
