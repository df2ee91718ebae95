import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { consoleBuildIsStale } from '../../../scripts/consoleStale';
import { ROOT } from '../../../scripts/processes';

/**
 * Debian's Chromium, headless, driven by playwright-core: the browser the console's end-to-end
 * tests run in (`.ci/run` installs it when missing). Each test file gets a fresh profile.
 */
export const CHROMIUM = process.env.ONEROOF_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Where each page's screenshot goes (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'artifacts', 'console');

export interface Browser {
  context: BrowserContext;
  /** Problems seen on any page, each after its page's origin in brackets: CSP violations, uncaught errors, console errors. */
  problems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the console if its sources changed, then starts Chromium with a fresh user-data-dir. */
export async function launchBrowser(): Promise<Browser> {
  // Vite and the code generator are ES modules that Jest cannot load: build in a process of its own.
  if (consoleBuildIsStale()) {
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/consoleBuild.ts'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run console:build failed');
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    const origin = () => (page.url().startsWith('http') ? new URL(page.url()).origin : page.url());
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) problems.push(`[${origin()}] console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`[${origin()}] page error: ${error.message}`));
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  return {
    context,
    problems,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Runs axe-core in the page (through the DevTools protocol, so the page's CSP stays as it is) and
 * returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot as tests/artifacts/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in on the development sign-in page as the identity with this staff id. */
export async function devSignIn(page: Page, origin: string, sub: string, query = ''): Promise<void> {
  await page.goto(`${origin}/signin${query}`);
  await page.locator(`button[data-sub="${sub}"]`).click();
  await page.getByTestId('viewer').waitFor();
}

/**
 * Opens a client's unified view from the find page's "open by id" form: a page load would start
 * a new, signed-out session (the token lives in the page's memory only).
 */
export async function openClient(page: Page, clientId: string): Promise<void> {
  await page.locator('header nav a[href="/find"]').click();
  await page.getByPlaceholder('FJC-000002').fill(clientId);
  await page.getByPlaceholder('FJC-000002').press('Enter');
  await page.getByTestId('client-view').waitFor();
}
