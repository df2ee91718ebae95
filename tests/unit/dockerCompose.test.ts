import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AGENCIES, agencyPortOffset, FJC, type AgencyId } from '../../lib/agencies';
import { subgraphUrlVariable } from '../../lib/config';
import { renderDockerCompose } from '../../scripts/dockerCompose';

/** The parts of a compose service these tests read. */
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

const ROOT = path.resolve(__dirname, '../..');
// Compose resolves `<<` merge keys (the file's x-subgraph anchor), so the parser must too.
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

const DEV_ISSUER_VOLUME = 'dev-issuer';
const storeVolume = (agency: AgencyId) => `${agency}-store`;
const subgraphPort = (agency: AgencyId) => 4001 + agencyPortOffset(agency);

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** Reads the short volume syntax `source:target[:ro]`. */
function mounts(name: string): Mount[] {
  return (service(name).volumes ?? []).map((entry) => {
    const [source = '', target = '', mode] = entry.split(':');
    return { source, target, readOnly: mode === 'ro' };
  });
}

function healthProbe(name: string): string {
  const test = service(name).healthcheck?.test ?? [];
  expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
  return test[3] ?? '';
}

/** Dockerfile stages, each as its `FROM` line and the instructions under it. */
function stages(): { from: string; lines: string[] }[] {
  const result: { from: string; lines: string[] }[] = [];
  for (const line of dockerfile.split('\n').map((l) => l.trim())) {
    if (/^FROM\s/i.test(line)) result.push({ from: line, lines: [] });
    else if (line && !line.startsWith('#')) result.at(-1)?.lines.push(line);
  }
  return result;
}

describe('docker-compose.yml', () => {
  it('is the file npm run compose generates from the registry (run it after changing subgraphs/agencies.json)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')).toBe(renderDockerCompose());
  });

  it('points every partner agency at the keys the FJC publishes for its consent assertions', () => {
    for (const agency of AGENCIES.filter((a) => a !== FJC)) {
      const environment = (compose.services[agency] as { environment?: Record<string, string> }).environment ?? {};
      expect(environment.ONEROOF_ASSERTION_JWKS_URL).toBe('http://fjc:4001/.well-known/jwks.json');
    }
  });

  it('runs exactly the gateway, the seed and one service per agency', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'seed', ...AGENCIES].sort());
  });

  it.each(AGENCIES)('gives %s its own store volume at /data and no other agency store', (agency) => {
    const stores = mounts(agency).filter((m) => m.source.endsWith('-store'));
    expect(stores).toEqual([{ source: storeVolume(agency), target: '/data', readOnly: false }]);
  });

  it('gives every agency a different store volume', () => {
    const stores = AGENCIES.map((agency) => mounts(agency).find((m) => m.target === '/data')?.source);
    expect(new Set(stores).size).toBe(AGENCIES.length);
  });

  it('shares only the development issuer keys, read-only everywhere but the seed', () => {
    for (const name of [...AGENCIES, 'gateway']) {
      const shared = mounts(name).filter((m) => m.source === DEV_ISSUER_VOLUME);
      expect(shared).toEqual([{ source: DEV_ISSUER_VOLUME, target: '/data/dev-issuer', readOnly: true }]);
    }
    expect(mounts('gateway').filter((m) => m.source !== DEV_ISSUER_VOLUME)).toEqual([]);
  });

  it.each(AGENCIES)('starts the %s subgraph entry point', (agency) => {
    expect(service(agency).command).toEqual(['node_modules/.bin/tsx', `subgraphs/${agency}/index.ts`]);
  });

  it.each(AGENCIES)('checks the health of %s on its own port', (agency) => {
    expect(healthProbe(agency)).toBe(
      `fetch('http://127.0.0.1:${subgraphPort(agency)}/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))`,
    );
  });

  it('starts every agency only after the seed has completed', () => {
    for (const agency of AGENCIES) {
      expect(service(agency).depends_on).toEqual({ seed: { condition: 'service_completed_successfully' } });
    }
  });

  it('runs the seed once, with every agency store and the development keys writable', () => {
    const seed = service('seed');
    expect(seed.restart).toBe('no');
    expect(seed.ports).toBeUndefined();
    expect(mounts('seed')).toEqual([
      { source: DEV_ISSUER_VOLUME, target: '/data/dev-issuer', readOnly: false },
      ...AGENCIES.map((agency) => ({ source: storeVolume(agency), target: `/stores/${agency}`, readOnly: false })),
    ]);
    const script = seed.command?.join(' ') ?? '';
    expect(script).toContain('scripts/seed.ts --clients');
    expect(script).toContain('--data-dir /tmp/seed');
    expect(script).toContain('scripts/devKeys.ts');
    // Each agency's volume gets its data and OneRoof's own store for it (person links, disclosure log).
    expect(script).toContain('for file in "$$agency.sqlite" "$$agency.oneroof.sqlite"');
    // A dataset of the older layout is moved aside, not overwritten.
    expect(script).toContain('grep -q \'"layout": 2\'');
  });

  it('publishes only the gateway, on port 4000', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports !== undefined)
      .map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([['gateway', ['4000:4000']]]);
  });

  it('points the gateway at every agency by service name and port', () => {
    const environment = service('gateway').environment ?? {};
    const urls = Object.fromEntries(Object.entries(environment).filter(([k]) => k.startsWith('ONEROOF_SUBGRAPH_URL_')));
    expect(urls).toEqual(
      Object.fromEntries(
        AGENCIES.map((agency) => [subgraphUrlVariable(agency), `http://${agency}:${subgraphPort(agency)}/graphql`]),
      ),
    );
    expect(service('gateway').command).toEqual(['node_modules/.bin/tsx', 'gateway/index.ts']);
    expect(healthProbe('gateway')).toContain("fetch('http://127.0.0.1:4000/health')");
  });

  it('starts the gateway only when every agency is healthy', () => {
    expect(service('gateway').depends_on).toEqual(
      Object.fromEntries(AGENCIES.map((agency) => [agency, { condition: 'service_healthy' }])),
    );
  });

  it('runs every process in development mode with its data under /data', () => {
    for (const name of Object.keys(compose.services)) {
      expect(service(name).environment).toMatchObject({ NODE_ENV: 'development', ONEROOF_DATA_DIR: '/data' });
      expect(service(name).environment).not.toHaveProperty('ONEROOF_JWKS_URL');
    }
  });

  it('declares every volume it mounts, and no other', () => {
    const used = new Set(Object.keys(compose.services).flatMap((name) => mounts(name).map((m) => m.source)));
    expect([...used].sort()).toEqual(Object.keys(compose.volumes).sort());
    expect(Object.keys(compose.volumes).sort()).toEqual([DEV_ISSUER_VOLUME, ...AGENCIES.map(storeVolume)].sort());
  });
});

describe('Dockerfile', () => {
  it('installs dependencies with npm ci in a full build stage', () => {
    const [build] = stages();
    expect(build?.from).toBe('FROM node:20-bookworm AS build');
    expect(build?.lines.some((l) => /^RUN npm ci\b/.test(l))).toBe(true);
  });

  it('builds the web console in the build stage, before the dev dependencies are pruned', () => {
    const [build] = stages();
    const at = build?.lines.indexOf('RUN npm run console:build \\') ?? -1;
    expect(at).toBeGreaterThan(build?.lines.findIndex((l) => /^RUN npm ci\b/.test(l)) ?? Infinity);
    expect(build?.lines[at + 1]).toBe('&& npm prune --omit=dev --no-audit --no-fund');
  });

  it('runs as the non-root node user in a slim runtime stage built from the build stage', () => {
    const all = stages();
    const runtime = all.at(-1);
    expect(all).toHaveLength(2);
    expect(runtime?.from).toBe('FROM node:20-bookworm-slim AS runtime');
    expect(runtime?.lines).toContain('COPY --from=build /app/node_modules ./node_modules');
    expect(runtime?.lines).toContain('COPY --from=build /app/console/dist ./console/dist');
    expect(runtime?.lines).toContain('USER node');
    expect(runtime?.lines).not.toContain('USER root');
    expect(runtime?.lines.at(-1)).toBe('CMD ["node_modules/.bin/tsx", "gateway/index.ts"]');
  });

  it('makes the store mount point of every agency of the registry, whatever agencies it lists', () => {
    const runtime = stages().at(-1)!.lines.join('\n');
    expect(runtime).toContain("require('./subgraphs/agencies.json').agencies");
    expect(runtime).toContain("mkdirSync('/stores/' + a.id");
    // The registry is read after it is copied in, and before the image drops to the node user.
    const lines = stages().at(-1)!.lines;
    const copied = lines.indexOf('COPY . .');
    const made = lines.findIndex((l) => l.includes('agencies.json'));
    expect(copied).toBeGreaterThanOrEqual(0);
    expect(made).toBeGreaterThan(copied);
    expect(lines.indexOf('USER node')).toBeGreaterThan(made);
  });
});
