import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm run token`: one JWT on stdout and nothing else, with npm's ordinary log level (no project .npmrc silencing npm). */
const ROOT = path.resolve(__dirname, '..', '..');
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/;

describe('the token command', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-token-script-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = () => ({ ...process.env, ONEROOF_DATA_DIR: dataDir, NODE_ENV: 'development' });
  const ARGS = ['--sub', 'fjc-staff-1', '--agency', 'fjc', '--role', 'CASE_MANAGER'];

  it('prints one token and nothing else on stdout through npm run --silent, as the README uses it', () => {
    const run = spawnSync('npm', ['run', '--silent', 'token', '--', ...ARGS], { cwd: ROOT, env: env(), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(JWT);
  });

  it('leaves npm\'s own output alone for every other command: the project sets no log level', () => {
    expect(fs.existsSync(path.join(ROOT, '.npmrc'))).toBe(false);
  });

  it('refuses a lifetime over the maximum the gateway and subgraphs accept, saying so on stderr', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/token.ts', ...ARGS, '--ttl', '300'], { cwd: ROOT, env: env(), encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--ttl must be whole minutes between 1 and 240 \(the maximum token lifetime\)/);
  });
});
