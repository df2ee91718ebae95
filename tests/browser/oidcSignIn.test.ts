import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import type { Page } from 'playwright-core';
import { PARTNER_AGENCIES } from '../../lib/agencies';
import { ROOT } from '../../scripts/processes';
import { startStack, type TestStack } from '../helpers/stack';
import { launchBrowser, openClient, screenshot, seriousViolations, type Browser } from './helpers/browser';

jest.setTimeout(120_000);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the stand-in identity provider and resolves with its issuer once it listens. */
function startProvider(port: number, redirectUri: string): Promise<{ issuer: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/oidcProvider.ts'], {
    cwd: ROOT,
    env: { ...process.env, OIDC_PORT: String(port), OIDC_CLIENT_ID: 'oneroof-console', OIDC_REDIRECT_URI: redirectUri },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`identity provider exited (${code})`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ready ')) resolve({ issuer: line.slice(6), process: child });
    });
  });
}

/**
 * Production's sign-in end to end: the console as an OpenID Connect public client (authorization
 * code with PKCE, in a pop-up) against a real provider, and a gateway that trusts only that
 * provider's keys, audience and issuer.
 */
describe('signing in to the console with OpenID Connect', () => {
  let stack: TestStack;
  let browser: Browser;
  let provider: ChildProcess;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    const providerPort = await freePort();
    const gatewayPort = await freePort();
    origin = `http://127.0.0.1:${gatewayPort}`;
    const redirectUri = `${origin}/callback`;
    const started = await startProvider(providerPort, redirectUri);
    provider = started.process;
    const { issuer } = started;
    [stack, browser] = await Promise.all([
      startStack({
        clients: 20,
        gatewayPort,
        jwks: { jwksUrl: `${issuer}/jwks`, issuer, audience: 'oneroof' },
        consoleSignIn: { kind: 'oidc', issuer, clientId: 'oneroof-console', redirectUri, scope: 'openid' },
      }),
      launchBrowser(),
    ]);
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    provider?.kill();
  });

  it('signs in at the provider in a pop-up, then calls the API with its access token', async () => {
    await page.goto(`${origin}/`);
    await screenshot(page, 'sign-in-oidc');
    expect(await seriousViolations(page)).toEqual([]);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Aanmelden via uw organisatie' }).click()]);
    await popup.locator('input[name="login"]').fill('fjc-staff-2');
    await popup.locator('input[name="password"]').fill('any password');
    await popup.locator('button[type="submit"]').click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('viewer').waitFor();
    expect(await page.getByTestId('viewer').textContent()).toBe('Case manager (OIDC) · Family Justice Center · Casemanager');
    await page.getByTestId('purpose').selectOption('CASE_MANAGEMENT');
    await openClient(page, 'FJC-000002');
    expect(await page.locator('.agency-card').count()).toBe(PARTNER_AGENCIES.length);
    expect(await page.locator('[data-agency="police"] dd').first().textContent()).not.toBe('');
    // The provider's own pages are not ours to judge.
    expect(browser.problems.filter((problem) => problem.startsWith(`[${origin}]`))).toEqual([]);
  });

  it('keeps no token anywhere but in memory', async () => {
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
    expect(stored).toEqual({ local: 0, session: 0, cookies: '' });
    const cookies = await browser.context.cookies(origin);
    expect(cookies).toEqual([]);
  });

  it("signs out, ending the provider's session too", async () => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL((url) => url.origin !== origin);
    expect(page.url()).toContain('/session/end');
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.waitForURL(`${origin}/signin`);
    await page.getByRole('button', { name: 'Aanmelden via uw organisatie' }).waitFor();
  });
});
