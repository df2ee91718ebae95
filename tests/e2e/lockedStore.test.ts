import { spawn, type ChildProcess } from 'node:child_process';
import type http from 'node:http';
import readline from 'node:readline';
import { OUTCOMES_PATH } from '../../lib/kit/disclosure/outcomeRoute';
import { oneroofStoreFile } from '../../lib/kit/store/oneroofStore';
import { postGraphQL } from '../helpers/graphql';
import { startStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/waitFor';

const TIMEOUT_MS = 1500;

/**
 * Another process (an operator's sqlite3 shell, a backup tool) opens an exclusive transaction on a
 * store and holds it until it is killed: in WAL mode nobody else may write meanwhile.
 */
function holdExclusiveLock(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    console.log('holding');
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (line) => (line === 'holding' ? resolve(child) : reject(new Error(line))));
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
}

/** Records, in order, each request a server is done with: `${url} ${status}`, or `${url} gone` if its caller left first. */
function answersOf(server: http.Server): string[] {
  const done: string[] = [];
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.once('close', () => done.push(`${req.url} ${res.writableFinished ? res.statusCode : 'gone'}`));
  });
  return done;
}

/**
 * While another process holds an exclusive lock on one agency's store, that agency's requests wait
 * for the lock without blocking its event loop: its health route and every other agency keep
 * answering, and the requests that need the store fail cleanly at their deadline.
 */
describe('a store locked by another process', () => {
  let stack: TestStack;
  let officer: string;
  let holder: ChildProcess | undefined;

  beforeAll(async () => {
    stack = await startStack({ clients: 20, subgraphTimeoutMs: TIMEOUT_MS, breakerFailures: 5 });
    officer = await stack.token({ sub: 'police-staff-1', agency: 'police', roles: ['AGENCY_STAFF'] });
  });
  afterAll(async () => {
    holder?.kill();
    await stack.stop();
  });

  const VIEW = /* GraphQL */ `{ client(id: "FJC-000002") { id displayName police { involved } probation { involved } housing { involved } } }`;

  it('keeps the agency\'s health route and the other agencies answering, and fails the locked requests at their deadline', async () => {
    const healthy = await postGraphQL(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT' });
    expect(healthy.body.errors).toBeUndefined();
    const police = stack.subgraphs.police;
    const answers = answersOf(police.http);
    holder = await holdExclusiveLock(oneroofStoreFile(stack.dataDir, 'police'));
    try {
      const received = police.requests;
      const view = postGraphQL<{ client: Record<string, unknown> }>(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT' });
      await waitFor('police to have the request', () => police.requests > received, 20_000);
      const health = await fetch(police.url.replace(/graphql$/, 'health'));
      expect(health.status).toBe(200);
      const { status, body } = await view;
      // The gateway also reports the undelivered call to police (POST /audit/outcomes, retried),
      // whenever police gets to it: only the health check and the GraphQL request are followed here.
      const followed = () => answers.filter((answer) => !answer.startsWith(OUTCOMES_PATH));
      await waitFor('police to be done with the locked request', () => followed().length === 2, 20_000);
      // The health check was answered while the locked request was still waiting for the store; police
      // then gave that up at its deadline (503), or once it saw the gateway had stopped waiting.
      expect(followed()).toEqual(['/health 200', expect.stringMatching(/^\/graphql (503|gone)$/)]);
      // Every other agency's data is there; police's is not, and says so.
      expect(status).toBe(200);
      expect(body.data).toEqual({ client: { ...(healthy.body.data as { client: Record<string, unknown> }).client, police: null } });
      expect(body.errors).toEqual([{ message: 'This agency did not answer; its data is not included.', path: ['client', 'police'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'police', serviceName: 'police' } }]);
      // Asked directly, with a budget, police says why once the budget is spent.
      const direct = await postGraphQL(police.url, '{ _service { sdl } }', { token: officer, purpose: 'CASE_MANAGEMENT', headers: { 'x-oneroof-budget-ms': '300' } });
      expect(direct.status).toBe(503);
      expect(direct.body.errors).toEqual([{ message: 'This agency\'s store is locked by another process; ask again shortly.', extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'police' } }]);
    } finally {
      holder.kill();
    }
    // Once the lock is gone the agency answers as before.
    await waitFor('police to answer again', async () => {
      const { body } = await postGraphQL(stack.gatewayUrl, VIEW, { token: officer, purpose: 'CASE_MANAGEMENT' });
      return body.errors === undefined ? body : undefined;
    }, 20_000);
  }, 120_000);
});
