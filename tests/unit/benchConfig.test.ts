import { enterBenchMode } from '../../lib/auth/benchMode';
import { ConfigError, loadConfig } from '../../lib/config';
import { setLogSink } from '../../lib/log';
import { createGatewayServer } from '../../gateway/server';
import { createSubgraphServer } from '../../lib/kit/server/createSubgraphServer';
import { composeSupergraph } from '../../schema/compose';
import { agencyModule } from '../../subgraphs/registry';

const IDP = { ONEROOF_JWKS_URL: 'https://idp.example/jwks', ONEROOF_ISSUER: 'https://idp.example' };
const never = async () => {
  throw new Error('not called');
};

describe('the benchmark-only switch that turns authorization off', () => {
  it('keeps authorization on unless ONEROOF_BENCH_AUTHORIZATION=off', () => {
    expect(loadConfig({}).benchAuthorizationOff).toBe(false);
    expect(loadConfig({ ONEROOF_BENCH_AUTHORIZATION: '' }).benchAuthorizationOff).toBe(false);
    expect(loadConfig({ ONEROOF_BENCH_AUTHORIZATION: 'on' }).benchAuthorizationOff).toBe(false);
    expect(loadConfig({ ONEROOF_BENCH_AUTHORIZATION: 'off' }).benchAuthorizationOff).toBe(true);
  });

  it('refuses a value other than on or off', () => {
    expect(() => loadConfig({ ONEROOF_BENCH_AUTHORIZATION: 'false' })).toThrow(ConfigError);
    expect(() => loadConfig({ ONEROOF_BENCH_AUTHORIZATION: 'OFF' })).toThrow(/must be "on" or "off"/);
  });

  it('is refused in production, and production with authorization on still starts', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...IDP, ONEROOF_BENCH_AUTHORIZATION: 'off' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...IDP, ONEROOF_BENCH_AUTHORIZATION: 'off' })).toThrow(/NODE_ENV=production refuses it/);
    expect(loadConfig({ NODE_ENV: 'production', ...IDP, ONEROOF_BENCH_AUTHORIZATION: 'on' }).benchAuthorizationOff).toBe(false);
  });

  it('is refused by a production gateway and a production subgraph built without the configuration', async () => {
    const subgraphUrls = loadConfig({}).subgraphUrls;
    await expect(
      createGatewayServer({ supergraphSdl: composeSupergraph(), subgraphUrls, verifyToken: never, production: true, authorization: false }),
    ).rejects.toThrow(/production refuses it/);
    await expect(
      createSubgraphServer(agencyModule('police').definition, { store: { figure: async () => [], close: () => undefined }, verifyToken: never, production: true, authorization: false }),
    ).rejects.toThrow(ConfigError);
  });

  it('says at start, loudly, that authorization is off', () => {
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      enterBenchMode('police', false);
    } finally {
      setLogSink(previous);
    }
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'warn', message: 'BENCHMARK MODE: authorization is OFF', service: 'police' }),
    ]);
  });
});
