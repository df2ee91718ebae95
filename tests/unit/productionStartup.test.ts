import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENCIES } from '../../lib/agencies';
import { DEV_ISSUER } from '../../lib/auth/devIssuer';
import { ensureKeyPair } from '../../lib/auth/keyFile';
import { createTokenVerifier } from '../../lib/auth/tokens';
import { ConfigError, loadConfig, subgraphUrlVariable } from '../../lib/config';
import { createGatewayServer } from '../../gateway/server';
import { checkGatewayConfig, startGateway, subgraphSettings } from '../../gateway/startup';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../schema/compose';
import { supergraphWith } from '../helpers/extraSubgraph';

const IDP = { ONEROOF_JWKS_URL: 'https://idp.example/jwks', ONEROOF_ISSUER: 'https://idp.example' };
const HTTPS_SUBGRAPHS = Object.fromEntries(AGENCIES.map((agency) => [subgraphUrlVariable(agency), `https://${agency}.agencies.example/graphql`]));
const SUPERGRAPH = composeSupergraph();
const production = (env: NodeJS.ProcessEnv = {}) => loadConfig({ NODE_ENV: 'production', ...IDP, ...HTTPS_SUBGRAPHS, ...env });

describe('production refuses an unsafe configuration, saying what to fix', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-startup-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses the development issuer, and an identity provider without TLS', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...HTTPS_SUBGRAPHS })).toThrow(/needs ONEROOF_JWKS_URL and ONEROOF_ISSUER/);
    expect(() => production({ ONEROOF_ISSUER: DEV_ISSUER })).toThrow(/may not be the development issuer/);
    expect(() => production({ ONEROOF_JWKS_URL: 'http://idp.example/jwks' })).toThrow(/ONEROOF_JWKS_URL must be an https:\/\/ URL/);
  });

  it('refuses to start the gateway without its signing key', async () => {
    const start = startGateway(production(), composeSupergraph(), {});
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/ONEROOF_GATEWAY_KEY_FILE/);
  });

  it('refuses a production gateway that would call subgraphs unsigned', async () => {
    const options = { supergraphSdl: composeSupergraph(), subgraphUrls: production().subgraphUrls, production: true };
    const verifyToken = await createTokenVerifier(production().auth);
    await expect(createGatewayServer({ ...options, verifyToken })).rejects.toThrow(/sign its subgraph requests: set ONEROOF_GATEWAY_KEY_FILE/);
  });

  it('refuses plain-http subgraphs unless the network is declared private', () => {
    const plaintext = production({ ONEROOF_SUBGRAPH_URL_POLICE: 'http://police:4002/graphql', ONEROOF_SUBGRAPH_URL_YOUTH_CARE: 'http://youth-care:4005/graphql' });
    expect(() => checkGatewayConfig(plaintext, SUPERGRAPH)).toThrow(ConfigError);
    expect(() => checkGatewayConfig(plaintext, SUPERGRAPH)).toThrow(
      /ONEROOF_SUBGRAPH_URL_POLICE, ONEROOF_SUBGRAPH_URL_YOUTH_CARE must be https:\/\/ URLs \(or set ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS=true/,
    );
    expect(() => checkGatewayConfig(production({ ONEROOF_SUBGRAPH_URL_POLICE: 'http://police:4002/graphql', ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS: 'true' }), SUPERGRAPH)).not.toThrow();
    expect(() => checkGatewayConfig(production(), SUPERGRAPH)).not.toThrow();
    // A subgraph the registry does not list is reached at its supergraph URL: over TLS too, or refused.
    const extra = supergraphWith('http://outside-partner.example/graphql');
    expect(() => checkGatewayConfig(production(), extra)).toThrow(/ONEROOF_SUBGRAPH_URL_OUTSIDE_PARTNER must be https:\/\/ URLs/);
    expect(() => checkGatewayConfig(production({ ONEROOF_SUBGRAPH_URL_OUTSIDE_PARTNER: 'https://outside-partner.example/graphql' }), extra)).not.toThrow();
    // Development keeps its localhost defaults.
    expect(() => checkGatewayConfig(loadConfig({}), SUPERGRAPH)).not.toThrow();
  });

  it('starts with a complete production configuration', async () => {
    const keyFile = path.join(dir, 'gateway.json');
    await ensureKeyPair(keyFile, 'EdDSA');
    const server = await startGateway(production(), composeSupergraph(), { ONEROOF_GATEWAY_KEY_FILE: keyFile });
    await server.apollo.stop();
  });
});

describe('limits and resilience settings', () => {
  it('defaults to 2 s per agency, a circuit of 3 failures and 5 s, and the documented limits', () => {
    const config = loadConfig({});
    expect(config.resilience).toEqual({
      subgraphTimeoutMs: Object.fromEntries(AGENCIES.map((agency) => [agency, 2000])),
      defaultSubgraphTimeoutMs: 2000,
      breakerFailures: 3, breakerCooldownMs: 5000, shutdownGraceMs: 10_000,
      requestTimeoutMs: 5000, viewerConcurrency: 4, viewerQueue: 16, breakerLargeFetch: 50,
    });
    expect(config.limits).toEqual({ maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxDirectives: 50, maxCost: 20_000, maxBodyBytes: 262_144, maxFanout: 500 * AGENCIES.length });
    expect(config.supervisor).toEqual({ restartDelayMs: 500, maxFastCrashes: 5 });
    expect(config.allowPlaintextSubgraphs).toBe(false);
  });

  it('takes a timeout for all agencies and one for a single agency', () => {
    const { subgraphTimeoutMs } = loadConfig({ ONEROOF_SUBGRAPH_TIMEOUT_MS: '1500', ONEROOF_SUBGRAPH_TIMEOUT_MS_YOUTH_CARE: '4000' }).resilience;
    expect(subgraphTimeoutMs).toMatchObject({ fjc: 1500, police: 1500, 'youth-care': 4000 });
  });

  it('takes the settings of a subgraph the registry does not list, by its name', () => {
    const config = loadConfig({ ONEROOF_SUBGRAPH_TIMEOUT_MS_OUTSIDE_PARTNER: '3000', ONEROOF_SUBGRAPH_URL_OUTSIDE_PARTNER: 'https://op.example/graphql' });
    expect(subgraphSettings(config, supergraphWith('http://localhost:4999/graphql'))).toMatchObject({
      urls: { 'outside-partner': 'https://op.example/graphql', fjc: 'http://localhost:4001/graphql' },
      timeoutsMs: { 'outside-partner': 3000, fjc: 2000 },
    });
    const plain = subgraphSettings(loadConfig({ ONEROOF_SUBGRAPH_BASE_PORT: '4501' }), supergraphWith('http://localhost:4999/graphql'));
    expect(plain.urls).toMatchObject({ 'outside-partner': 'http://localhost:4999/graphql', fjc: 'http://localhost:4501/graphql' });
  });

  it('takes the supergraph from ONEROOF_SUPERGRAPH_FILE', () => {
    expect(loadConfig({}).supergraphFile).toBe(SUPERGRAPH_FILE);
    expect(loadConfig({ ONEROOF_SUPERGRAPH_FILE: '/etc/oneroof/supergraph.graphql' }).supergraphFile).toBe('/etc/oneroof/supergraph.graphql');
  });

  it.each([
    ['ONEROOF_SUBGRAPH_URL_POLICE', 'police:4002', /ONEROOF_SUBGRAPH_URL_POLICE must be an http\(s\) URL, got "police:4002"/],
    ['ONEROOF_SUBGRAPH_TIMEOUT_MS', 'soon', /ONEROOF_SUBGRAPH_TIMEOUT_MS must be a whole number of at least 10, got "soon"/],
    ['ONEROOF_SUBGRAPH_TIMEOUT_MS_MENTAL_HEALTH', '5', /ONEROOF_SUBGRAPH_TIMEOUT_MS_MENTAL_HEALTH must be a whole number of at least 10/],
    ['ONEROOF_MAX_DEPTH', '0', /ONEROOF_MAX_DEPTH must be a whole number of at least 1/],
    ['ONEROOF_MAX_COST', '1e3', /ONEROOF_MAX_COST/],
    ['ONEROOF_BREAKER_FAILURES', '-1', /ONEROOF_BREAKER_FAILURES/],
    ['ONEROOF_MAX_BODY_BYTES', '10', /ONEROOF_MAX_BODY_BYTES must be a whole number of at least 1024/],
    ['ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS', 'yes', /ONEROOF_ALLOW_PLAINTEXT_SUBGRAPHS must be "true" or "false"/],
    ['ONEROOF_MAX_FANOUT', '0', /ONEROOF_MAX_FANOUT must be a whole number of at least 1/],
    ['ONEROOF_REQUEST_TIMEOUT_MS', '5', /ONEROOF_REQUEST_TIMEOUT_MS must be a whole number of at least 10/],
    ['ONEROOF_VIEWER_CONCURRENCY', '0', /ONEROOF_VIEWER_CONCURRENCY must be a whole number of at least 1/],
    ['ONEROOF_VIEWER_QUEUE', 'many', /ONEROOF_VIEWER_QUEUE must be a whole number of at least 0/],
    ['ONEROOF_BREAKER_LARGE_FETCH', '0', /ONEROOF_BREAKER_LARGE_FETCH must be a whole number of at least 1/],
    ['ONEROOF_RESTART_DELAY_MS', '-5', /ONEROOF_RESTART_DELAY_MS must be a whole number of at least 0/],
    ['ONEROOF_RESTART_MAX_CRASHES', '0', /ONEROOF_RESTART_MAX_CRASHES must be a whole number of at least 1/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
