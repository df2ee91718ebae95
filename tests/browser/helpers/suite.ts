import type { Page } from 'playwright-core';
import { startStack, type StackOptions, type TestStack } from '../../helpers/stack';
import { launchBrowser, screenshot, seriousViolations, type Browser } from './browser';

export interface ConsoleSuite {
  readonly stack: TestStack;
  readonly browser: Browser;
  /** The gateway, e.g. http://127.0.0.1:41234. */
  readonly origin: string;
  /** One page for the whole file: the console's session lives in its memory. */
  readonly page: Page;
  /** Saves the page's screenshot as `name` and expects no serious or critical axe-core violation. */
  accessible(name: string): Promise<void>;
}

/**
 * The hooks every browser test file needs: a stack and Chromium started together before the
 * first test, stopped after the last, and after each test no CSP violation, page error or console
 * error on any page of the gateway's origin.
 */
export function consoleSuite(options: StackOptions | (() => StackOptions) = { clients: 60 }): ConsoleSuite {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let origin: string;
  beforeAll(async () => {
    // A function is called here, after the file's earlier beforeAll hooks (e.g. a server whose origin the stack must allow).
    [stack, browser] = await Promise.all([startStack(typeof options === 'function' ? options() : options), launchBrowser()]);
    origin = stack.gatewayUrl.replace(/\/graphql$/, '');
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(() => {
    expect(browser.problems).toEqual([]);
  });
  return {
    get stack() {
      return stack;
    },
    get browser() {
      return browser;
    },
    get origin() {
      return origin;
    },
    get page() {
      return page;
    },
    async accessible(name) {
      await screenshot(page, name);
      expect(await seriousViolations(page)).toEqual([]);
    },
  };
}
