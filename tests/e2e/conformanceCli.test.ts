import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { initSetup, jwksUrls, readSetup, SetupError } from '../../conformance/keys';
import { PROTOCOL_VERSION } from '../../conformance/protocol';
import type { Report } from '../../conformance/run';
import { startAgencyUnderTest } from '../helpers/conformanceAgency';
import { startNaiveSubgraph } from '../helpers/naiveSubgraph';
import { removeDataDir, seededDataDir } from '../helpers/seededData';

const ROOT = path.resolve(__dirname, '..', '..');

/** `npm run conformance -- <args>`, as an agency developer runs it: exit code and output. */
function conformance(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['conformance/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ONEROOF_LOG: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port free right now, for the key server the suite starts in its own process. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('npm run conformance', () => {
  let dataDir: string;
  let keysDir: string;

  beforeAll(() => {
    dataDir = seededDataDir({ clients: 60 });
    keysDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-conformance-cli-')), 'keys');
  });
  afterAll(() => {
    removeDataDir(dataDir);
    fs.rmSync(path.dirname(keysDir), { recursive: true, force: true });
  });

  it('sets up its keys once and prints the environment to start the subgraph under test with', async () => {
    const port = await freePort();
    const init = await conformance(['--init', keysDir, '--jwks-port', String(port)]);
    expect(init.code).toBe(0);
    expect(init.stdout.trim().split('\n')).toEqual([
      `export ONEROOF_JWKS_URL='http://127.0.0.1:${port}/idp/jwks.json'`,
      "export ONEROOF_ISSUER='urn:oneroof:conformance-idp'",
      "export ONEROOF_AUDIENCE='oneroof'",
      `export ONEROOF_ASSERTION_JWKS_URL='http://127.0.0.1:${port}/fjc/jwks.json'`,
      `export ONEROOF_GATEWAY_JWKS_FILE='${path.join(keysDir, 'gateway-jwks.json')}'`,
      "export ONEROOF_REQUIRE_GATEWAY_SIGNATURE='true'",
      `export ONEROOF_ASSERTION_MAC_KEYS_FILE='${path.join(keysDir, 'assertion-mac.json')}'`,
    ]);
    // The private keys stay the user's own; the gateway's public keys are a file any subgraph can read.
    expect(fs.statSync(path.join(keysDir, 'gateway-key.json')).mode & 0o077).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(keysDir, 'gateway-jwks.json'), 'utf8')).keys[0].d).toBeUndefined();
    await expect(initSetup(keysDir)).rejects.toThrow(SetupError);
  });

  it('exits 0 for a conforming subgraph and reports every requirement in JSON', async () => {
    const setup = readSetup(keysDir);
    const subgraph = await startAgencyUnderTest('police', dataDir, setup, { urls: jwksUrls(setup, setup.jwksPort) });
    try {
      const run = await conformance(['--url', subgraph.url, '--agency', 'police', '--keys', keysDir, '--format', 'json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report).toMatchObject({ protocol: PROTOCOL_VERSION, agency: 'police', url: subgraph.url, ok: true });
      expect(report.results.filter((r) => r.outcome === 'fail')).toEqual([]);
      expect(report.results.find((r) => r.id === 'AP-SIG-5')).toMatchObject({ outcome: 'pass', probes: [{ status: 'pass' }, { status: 'pass' }] });
    } finally {
      await subgraph.stop();
    }
  });

  it('exits 1 for a subgraph that breaks the protocol, with a results table naming what failed', async () => {
    const subgraph = await startNaiveSubgraph('police', dataDir);
    const out = path.join(path.dirname(keysDir), 'results.md');
    try {
      const run = await conformance(['--url', subgraph.url, '--agency', 'police', '--keys', keysDir, '--format', 'markdown', '--out', out]);
      expect(run.code).toBe(1);
      const table = fs.readFileSync(out, 'utf8');
      expect(table).toContain('| ❌ | AP-SIG-1 | MUST |');
      expect(table).toContain('| 🟢 | AP-SDL-2 | MUST |');
      expect(run.stderr).toMatch(/DOES NOT CONFORM: AP-TOKEN-1, /);
    } finally {
      await subgraph.stop();
    }
  });

  it('exits 2 with a clear message when the subgraph cannot be tested at all', async () => {
    const port = await freePort();
    const unreachable = await conformance(['--url', `http://127.0.0.1:${port}/graphql`, '--agency', 'police', '--keys', keysDir]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(new RegExp(`^http://127.0.0.1:${port}/graphql does not answer`));
    const usage = await conformance(['--url', `http://127.0.0.1:${port}/graphql`, '--keys', keysDir]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^--url and --agency are required\nusage:/);
  });
});
