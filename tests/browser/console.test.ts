import type { Page } from 'playwright-core';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { startStack, type TestStack } from '../helpers/stack';
import { devSignIn, launchBrowser, openClient, screenshot, seriousViolations, type Browser } from './helpers/browser';

jest.setTimeout(120_000);

/**
 * The console end to end in Chromium, against a gateway and seven subgraphs on ephemeral ports:
 * what the front desk, a case manager and an auditor do every day, through the same API and
 * policy as any other client.
 */
describe('the front-desk console in Chromium', () => {
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

  it('offers the development identities on the sign-in page, in Dutch', async () => {
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Aanmelden bij OneRoof' }).waitFor();
    expect(await page.locator('button[data-sub]').count()).toBe(12);
    await accessible('sign-in');
  });

  it('lets the front desk register a client, field errors next to the fields', async () => {
    await devSignIn(page, origin, 'fjc-staff-1');
    await page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await page.getByRole('button', { name: 'Registreren' }).click();
    const firstName = page.getByLabel('Voornaam');
    await expect(firstName.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.locator('.field-error').first().textContent()).toBe('Verplicht.');
    await accessible('register-errors');
    await firstName.fill('Ayşe');
    await page.getByLabel('Achternaam').fill('Çelik');
    await page.getByLabel('Geboortedatum').fill('1988-03-14');
    await page.getByLabel('Gender').selectOption('FEMALE');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByTestId('client-view').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Ayşe Çelik');
  });

  it('warns of a likely duplicate written with look-alike letters before creating one', async () => {
    await page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await page.getByLabel('Voornaam').fill('Аyşe'); // Cyrillic А
    await page.getByLabel('Achternaam').fill('Çelik');
    await page.getByLabel('Geboortedatum').fill('1988-03-14');
    await page.getByLabel('Gender').selectOption('FEMALE');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByTestId('duplicate-warning').waitFor();
    expect(await page.getByTestId('duplicate-warning').textContent()).toContain('Waarschijnlijk al geregistreerd');
    await accessible('register-duplicate');
  });

  it('finds a client with an accent-free spelling, saying how many matched', async () => {
    await page.getByRole('link', { name: 'Cliënt zoeken' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('celik ayse');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByTestId('result-count').waitFor();
    expect(await page.getByTestId('result-count').textContent()).toBe('1 cliënten gevonden');
    expect(await page.locator('.results a').allTextContents()).toEqual(['Ayşe Çelik']);
    await accessible('find');
  });

  it("shows a client known to six agencies, each withheld field with its reason and next step", async () => {
    await openClient(page, FIXTURE_CLIENTS.knownToAll);
    expect(await page.locator('.agency-card').count()).toBe(6);
    const police = page.locator('[data-agency="police"]');
    expect(await police.locator('h2').textContent()).toBe('Politiezone');
    // Front desk, purpose INTAKE: the police share even the fact that they know the client only on a legal basis.
    expect(await police.getByTestId('withheld').textContent()).toBe(
      'Afgeschermd Politiezone deelt betrokkenheidsgegevens alleen op een rechtsgrond, en die is er nu niet voor u. ' +
        'Volgende stap: registreer de toestemming van de cliënt voor betrokkenheidsgegevens. Toestemming registreren',
    );
    // Contact details are above the front desk's ceiling, whatever the basis.
    expect(await page.locator('dd', { has: page.getByTestId('withheld') }).first().textContent()).toContain('Boven wat uw rol voor dit doel mag zien (contactgegevens).');
    await accessible('client-front-desk');
  });
});
