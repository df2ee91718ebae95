import type { Page } from 'playwright-core';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { startStack, type TestStack } from '../helpers/stack';
import { devSignIn, launchBrowser, openClient, screenshot, seriousViolations, type Browser } from './helpers/browser';

jest.setTimeout(120_000);

describe('the console in Chromium: an expiring session, security conferences and the case plan', () => {
  let stack: TestStack;
  let browser: Browser;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ clients: 60 }), launchBrowser()]);
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

  const accessible = async (name: string) => {
    await screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
  };

  it('asks to sign in again when the token expires, and keeps the form being filled in', async () => {
    await devSignIn(page, origin, 'fjc-staff-1', '?ttl=10');
    await page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await page.getByLabel('Voornaam').fill('Mira');
    await page.getByLabel('Achternaam').fill('Verlopen');
    await page.getByLabel('Geboortedatum').fill('1990-01-02');
    await page.getByLabel('Gender').selectOption('FEMALE');
    const dialog = page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
    await dialog.waitFor({ timeout: 30_000 });
    await accessible('session-expired');
    await dialog.locator('button[data-sub="fjc-staff-1"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Achternaam').inputValue()).toBe('Verlopen');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByTestId('client-view').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Mira Verlopen');
  });

  it('lets a case manager convene a security conference, pick it as purpose, and close it', async () => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await devSignIn(page, origin, 'fjc-staff-2');
    await page.getByRole('link', { name: 'Veiligheidsoverleggen' }).click();
    await page.getByRole('heading', { name: 'Overleg samenroepen' }).waitFor();
    await page.getByRole('button', { name: 'Samenroepen' }).click();
    expect(await page.locator('.field-error').first().textContent()).toBe('Verplicht.');
    const caseSelect = page.getByLabel('Dossier', { exact: true });
    await page.waitForFunction(() => document.querySelectorAll('select option').length > 3);
    await caseSelect.selectOption({ index: 1 });
    const start = new Date(Date.now() - 5 * 60_000);
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Begint').fill(local(start));
    await page.getByLabel('Eindigt').fill(local(new Date(start.getTime() + 13 * 3_600_000)));
    await page.getByLabel('Rechtsgrond').selectOption('DECREE');
    await page.getByLabel('Referentie van het decreet of de toestemming van het parket').fill('Decreet 2026/17');
    await page.getByRole('button', { name: 'Samenroepen' }).click();
    expect(await page.getByText('Een overleg duurt hoogstens 12 uur.').count()).toBe(1);
    await page.getByLabel('Eindigt').fill(local(new Date(start.getTime() + 2 * 3_600_000)));
    await page.getByRole('button', { name: 'Samenroepen' }).click();
    const conference = page.locator('[data-conference]').first();
    await conference.waitFor();
    expect(await conference.textContent()).toContain('lopend');
    await accessible('conferences');

    await page.getByTestId('purpose').selectOption('SECURITY_CONFERENCE');
    const id = (await conference.getAttribute('data-conference'))!;
    const picker = page.getByLabel('Overleg', { exact: true });
    await page.waitForFunction((conf) => [...document.querySelectorAll('option')].some((o) => o.value === conf), id);
    await picker.selectOption(id);
    expect(await page.getByTestId('current-purpose').textContent()).toBe(`Elke vraag gebeurt nu met als doel: Veiligheidsoverleg · ${id}`);

    await page.getByTestId('purpose').selectOption('CASE_MANAGEMENT');
    await conference.getByRole('button', { name: 'Sluiten' }).click();
    await page.locator(`[data-conference="${id}"]`).waitFor({ state: 'detached' });
  });

  it("shows a case's plan and lets its case manager add to it", async () => {
    await openClient(page, FIXTURE_CLIENTS.victim);
    await page.getByRole('link', { name: /^CO3\// }).first().click();
    await page.getByRole('heading', { name: 'Casusplan' }).waitFor();
    await page.getByLabel('Omschrijving').first().fill('Safety plan with the victim');
    await page.getByRole('button', { name: 'Actie aan het plan toevoegen' }).click();
    await page.getByRole('cell', { name: 'Safety plan with the victim', exact: true }).waitFor();
    await page.getByLabel('Notitie', { exact: true }).fill('Called the victim, all calm');
    await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
    await page.getByText('Called the victim, all calm').waitFor();
    await accessible('case-plan');
  });

  it('serves GraphiQL from the gateway itself, under the same CSP, for developers', async () => {
    const graphiql = await browser.newPage();
    await graphiql.goto(`${origin}/graphiql`);
    await graphiql.locator('.graphiql-container').waitFor();
    await screenshot(graphiql, 'graphiql');
    await graphiql.close();
  });
});
