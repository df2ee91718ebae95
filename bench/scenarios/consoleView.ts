import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { ROOT } from '../../scripts/processes';
import { devSignIn, launchBrowser } from '../../tests/browser/helpers/browser';
import type { BenchSettings } from '../lib/context';
import { round } from '../lib/stats';

/** Unmeasured views first (the browser's and the gateway's caches fill), then measured ones. */
const WARM_UP_VIEWS = 5;
const MEASURED_VIEWS = 30;

export interface ConsoleResult {
  /** Navigation to the unified view of a client every partner agency knows, until it is rendered (ms). */
  viewMs: { median: number; p95: number; min: number; max: number; runs: number };
  /** The JavaScript the console's page loads (entry and preloaded chunks), gzipped as the gateway serves it. */
  jsGzipBytes: number;
  /** The same, uncompressed. */
  jsBytes: number;
  cssGzipBytes: number;
}

/** The scripts and stylesheets console/dist/index.html loads. */
function pageAssets(): { js: string[]; css: string[] } {
  const html = fs.readFileSync(path.join(ROOT, 'console', 'dist', 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  return { js: refs.filter((r) => r.endsWith('.js')), css: refs.filter((r) => r.endsWith('.css')) };
}

const sizeOf = (files: string[], gzip: boolean) =>
  files.reduce((sum, file) => {
    const body = fs.readFileSync(path.join(ROOT, 'console', 'dist', file));
    return sum + (gzip ? gzipSync(body, { level: 9 }).length : body.length);
  }, 0);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Runs in the page (as text: a compiled function would carry the bundler's helpers with it):
 * shows the find page, then navigates to the client and resolves with the milliseconds until the
 * first frame after the unified view's cards are in the document.
 */
const TIME_ONE_VIEW = `(async () => {
  const go = (to) => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); };
  const appears = (selector) => new Promise((resolve) => {
    if (document.querySelector(selector)) return resolve();
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) { observer.disconnect(); resolve(); }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  go('/find');
  await appears('main h1');
  const start = performance.now();
  go('/clients/CLIENT_ID');
  await appears('[data-testid="client-view"] .agency-card');
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - start;
})()`;

/**
 * The console in Chromium against a running gateway: an FJC case manager signs in (development
 * sign-in), chooses CASE_MANAGEMENT, then opens the unified view of the client every agency knows
 * again and again. Each view is timed in the page, from the client-side navigation to the first
 * frame after the view is in the document; between views the find page replaces it.
 * @param origin - the gateway, e.g. http://127.0.0.1:4000
 */
export async function consoleView(settings: BenchSettings, origin: string): Promise<ConsoleResult> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await devSignIn(page, origin, 'fjc-staff-2');
    await page.getByTestId('purpose').selectOption('CASE_MANAGEMENT');
    const view = () => page.evaluate(TIME_ONE_VIEW.replace('CLIENT_ID', FIXTURE_CLIENTS.knownToAll)) as Promise<number>;
    for (let i = 0; i < WARM_UP_VIEWS; i += 1) await view();
    const runs: number[] = [];
    for (let i = 0; i < MEASURED_VIEWS; i += 1) runs.push(await view());
    if (browser.problems.length > 0) throw new Error(`the console reported problems: ${browser.problems.join('; ')}`);
    const sorted = [...runs].sort((a, b) => a - b);
    const { js, css } = pageAssets();
    settings.say(`console: unified view median ${round(percentile(sorted, 50))} ms over ${runs.length} views`);
    return {
      viewMs: { median: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), min: round(sorted[0]!), max: round(sorted[sorted.length - 1]!), runs: runs.length },
      jsGzipBytes: sizeOf(js, true),
      jsBytes: sizeOf(js, false),
      cssGzipBytes: sizeOf(css, true),
    };
  } finally {
    await browser.close();
  }
}
