import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { AGENCIES, FILE_FIELDS, PARTNER_AGENCIES, agencyPortOffset } from '../../lib/agencies';
import { mintDevToken } from '../../lib/auth/devIssuer';
import { spawnEntry } from '../../scripts/processes';
import { seedAll } from '../../seed/seedAll';
import { postGraphQL } from '../helpers/graphql';
import { waitFor } from '../helpers/waitFor';

/** Resolves once `port` can be bound on every interface, as the processes of npm start bind it. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** The gateway's port and every agency's of the registry after it (the base port plus each agency's offset). */
const BLOCK = 2 + Math.max(...AGENCIES.map(agencyPortOffset));

/** A gateway port and a block of free subgraph ports after it, one per agency of the registry. */
async function freePorts(): Promise<{ gateway: number; base: number }> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const gateway = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: BLOCK }, (_, i) => gateway + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return { gateway, base: gateway + 1 };
  }
  throw new Error(`no block of ${BLOCK} free ports found`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const FILES = PARTNER_AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { involved }`).join(' ');
const VIEW = /* GraphQL */ `{ client(id: "FJC-000002") { id displayName ${FILES} } }`;
type View = { client: Record<string, unknown> };

/**
 * `npm start` as an FJC runs it, on free ports with its own data dir: a real `kill -9` of one of its
 * children must cost that agency's data only, for as long as it is down.
 */
describe('npm start supervises its processes', () => {
  let dataDir: string;
  let start: ChildProcess;
  let gatewayUrl: string;
  let base: number;
  let token: string;
  const lines: string[] = [];
  let exited: Promise<number | null>;
  /** The view with every agency up (mental health's file withheld from a case manager without consent). */
  let healthy: Awaited<ReturnType<typeof view>>['body'];

  const pidOf = (name: string, after = 0) =>
    lines.slice(after).map((line) => new RegExp(`^\\[start\\] ${name} started \\(pid (\\d+)\\)$`).exec(line)?.[1]).filter(Boolean).map(Number).at(-1);
  const said = (pattern: RegExp, after = 0) => lines.slice(after).find((line) => pattern.test(line));
  const view = () => postGraphQL<View>(gatewayUrl, VIEW, { token, purpose: 'CASE_MANAGEMENT' });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-start-'));
    seedAll(dataDir, { clients: 20, seed: 7 });
    const ports = await freePorts();
    base = ports.base;
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    start = spawnEntry('scripts/start.ts', {
      env: {
        ...process.env, PORT: String(ports.gateway), ONEROOF_SUBGRAPH_BASE_PORT: String(ports.base), ONEROOF_DATA_DIR: dataDir,
        ONEROOF_RESTART_DELAY_MS: '300', ONEROOF_RESTART_MAX_CRASHES: '3',
      },
      // Its own process group: should a test fail before npm start stops, afterAll ends the whole group.
      detached: true,
    });
    exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
    readline.createInterface({ input: start.stderr! }).on('line', (line) => lines.push(line));
    start.stdout!.resume();
    await waitFor('OneRoof to be up', () => said(/^\[start\] OneRoof is up: /), 150_000);
    token = await mintDevToken(dataDir, { sub: 'fjc-staff-1', agency: 'fjc', roles: ['CASE_MANAGER'] });
  }, 180_000);

  afterAll(async () => {
    if (start.exitCode === null && start.pid !== undefined) process.kill(-start.pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the unified view with every agency', async () => {
    healthy = (await view()).body;
    expect(healthy.errors?.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);
    for (const agency of PARTNER_AGENCIES.filter((a) => a !== 'mental-health')) expect(healthy.data!.client[FILE_FIELDS[agency]]).toEqual({ involved: true });
  });

  it('restarts an agency killed with kill -9, and serves it again', async () => {
    const mark = lines.length;
    const pid = pidOf('probation')!;
    process.kill(pid, 'SIGKILL');
    await waitFor('the crash to be logged', () => said(/^\[start\] probation exited \(SIGKILL\) after [\d.]+ s; restarting it in 0\.3 s \(crash 1 in a row\)$/, mark));
    const restarted = await waitFor('probation to be restarted', () => pidOf('probation', mark));
    expect(restarted).not.toBe(pid);
    // Its circuit may be open for a cool-down after the crash: ask until the answer is whole again.
    const whole = await waitFor('probation to answer again', async () => {
      const { body } = await view();
      return body.data?.client.probation ? body : undefined;
    });
    expect(whole).toEqual(healthy);
  }, 90_000);

  it('keeps serving every other agency while one cannot restart, gives it up after repeated fast crashes, and says so', async () => {
    const mark = lines.length;
    const pid = pidOf('police')!;
    const port = base + agencyPortOffset('police');
    process.kill(pid, 'SIGKILL');
    await waitFor('police to be gone', () => !alive(pid));
    // Someone else takes the port: every restart fails at once.
    const squatter = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(port, resolve));
    try {
      const { status, body } = await view();
      expect(status).toBe(200);
      // Agencies answer in any order: the errors are compared as a set.
      const expected = [
        ...healthy.errors!,
        { message: 'This agency did not answer; its data is not included.', path: ['client', 'police'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'police', serviceName: 'police' } },
      ];
      expect(body.errors).toEqual(expect.arrayContaining(expected));
      expect(body.errors).toHaveLength(expected.length);
      expect(body.data).toEqual({ client: { ...healthy.data!.client, police: null } });
      await waitFor('police to be given up', () => said(/^\[start\] police exited \(code 1\) after [\d.]+ s: it crashed 3 times in a row, each within 30 s of starting\. Giving up on it/, mark));
      expect(lines.slice(mark).filter((line) => /^\[start\] police started/.test(line))).toHaveLength(2);
      const after = await view();
      expect(after.body.data).toEqual({ client: { ...healthy.data!.client, police: null } });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 90_000);

  it('stops every process, and itself, on SIGTERM', async () => {
    const pids = ['fjc', 'probation', 'youth-care', 'gateway'].map((name) => pidOf(name)!);
    expect(pids.every(alive)).toBe(true);
    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(await portFree(Number(new URL(gatewayUrl).port))).toBe(true);
  }, 60_000);
});
