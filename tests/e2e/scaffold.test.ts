import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REGISTRY } from '../../lib/agencies';
import { waitForHealth } from '../../scripts/processes';
import { copyRepository } from '../helpers/repoCopy';

/**
 * `npm run agency:new`, as an agency developer runs it, in a copy of the repository: it writes a
 * working agency into its own folder and its one registry entry, and with nothing else edited the
 * agency composes, runs as its own process, and passes its generated tests and every check that
 * derives from the registry.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ID = 'victim-support';
/** The new agency's port offset: the next after every registered agency's. */
const OFFSET = Math.max(...REGISTRY.map((entry) => entry.portOffset)) + 1;
const ARGS = ['--id', ID, '--name', 'Victim support', '--field', 'victimSupport', '--name-nl', 'Slachtofferhulp', '--name-fr', 'Aide aux victimes'];

describe('npm run agency:new', () => {
  let copy: string;
  const tsx = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development', ...env } });
  /** Files of the copy that differ from this checkout's, or that it lacks. */
  const changed = () =>
    spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n')
      .filter((file) => file && fs.existsSync(path.join(copy, file)) && fs.existsSync(path.join(ROOT, file)))
      .filter((file) => !fs.readFileSync(path.join(copy, file)).equals(fs.readFileSync(path.join(ROOT, file))));

  beforeAll(() => {
    copy = copyRepository();
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it.each([
    ['without its field', ['--id', ID, '--name', 'Victim support'], /--field is required/],
    ['for an agency the registry lists', ['--id', 'police', '--name', 'Police', '--field', 'policeTwo'], /already lists an agency police/],
    ['for a field another agency has', ['--id', ID, '--name', 'Victim support', '--field', 'housing'], /already has an agency with the field housing/],
    ['with records of the involvement category', [...ARGS, '--category', 'INVOLVEMENT'], /no IDENTITY or INVOLVEMENT facts/],
  ])('refuses to run %s, saying why, and writes nothing', (_case, args, message) => {
    const run = tsx(['scripts/agencyNew.ts', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run agency:new');
    expect(fs.existsSync(path.join(copy, 'subgraphs', ID))).toBe(false);
    expect(changed()).toEqual([]);
  });

  it('writes the agency into its own folder and adds its one registry entry, editing nothing else', () => {
    const run = tsx(['scripts/agencyNew.ts', ...ARGS]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`wrote subgraphs/${ID}/`);
    expect(run.stdout).toContain(`"portOffset": ${OFFSET}`);
    expect(changed()).toEqual(['subgraphs/agencies.json']);
    expect(fs.readdirSync(path.join(copy, 'subgraphs', ID)).sort()).toEqual(
      ['README.md', 'agency.ts', 'console', 'index.ts', 'resolvers.ts', 'schema.graphql', 'seed.ts', 'statistics.ts', 'store.ts', 'tests'],
    );
  });

  it('composes into the supergraph and docker-compose.yml with npm run compose', () => {
    const run = tsx(['scripts/compose.ts']);
    expect(run.status).toBe(0);
    const supergraph = fs.readFileSync(path.join(copy, 'schema', 'supergraph.graphql'), 'utf8');
    expect(supergraph).toContain(`VICTIM_SUPPORT @join__graph(name: "victim-support", url: "http://localhost:${4001 + OFFSET}/graphql")`);
    expect(supergraph).toMatch(/victimSupport: VictimSupportFile @join__field\(graph: VICTIM_SUPPORT, requires: "accessAssertion"\)/);
    expect(fs.readFileSync(path.join(copy, 'docker-compose.yml'), 'utf8')).toContain(`  ${ID}:\n    <<: *subgraph\n    command: ["node_modules/.bin/tsx", "subgraphs/${ID}/index.ts"]`);
    expect(changed().sort()).toEqual(['docker-compose.yml', 'schema/supergraph.graphql', 'subgraphs/agencies.json']);
  });

  it('type-checks as the rest of OneRoof does', () => {
    fs.writeFileSync(path.join(copy, 'tsconfig.new-agency.json'), JSON.stringify({ extends: './tsconfig.json', include: [`subgraphs/${ID}`] }));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.new-agency.json'], { cwd: copy, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs as its own process on its port, over a generated dataset', async () => {
    const dataDir = path.join(copy, 'data-test');
    expect(tsx(['scripts/seed.ts', '--clients', '40', '--data-dir', dataDir]).status).toBe(0);
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${ID}/index.ts`], {
      cwd: copy, stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'development', ONEROOF_DATA_DIR: dataDir, ONEROOF_SUBGRAPH_BASE_PORT: String(port - OFFSET) },
    });
    try {
      await waitForHealth(ID, `http://127.0.0.1:${port}/health`, { timeoutMs: 60_000 });
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: 'ok', agency: ID });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);

  it('passes its generated tests and every check that derives from the registry', () => {
    const suites = [`subgraphs/${ID}`, 'tests/unit/registry.test.ts', 'tests/unit/layers.test.ts', 'tests/unit/supergraph.test.ts', 'tests/unit/dockerCompose.test.ts',
      'tests/unit/world.test.ts', 'tests/unit/statisticsQueries.test.ts', 'tests/e2e/statistics.test.ts'];
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--runInBand', ...suites], { cwd: copy, encoding: 'utf8' });
    expect(run.stderr).toMatch(/Test Suites: 8 passed, 8 total/);
    expect(run.stderr).toMatch(new RegExp(`PASS subgraphs/${ID}/tests/${ID}\\.test\\.ts`));
    expect(run.status).toBe(0);
  }, 300_000);
});

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
